import type { Ballot, Poll, PollKind } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import wordcloud from '../../../tests/fixtures/wordcloud.json' with { type: 'json' };
import { ballotContributions, ballotRefusal, buildTally, quizPoints, sharedPlaces, type Contribution } from './poll-ballots.js';
import { acceptsVotes, pollSetupRefusal, resultsVisibleTo, toVisiblePoll } from './polls.js';

function poll(kind: PollKind, settings: Partial<Poll['settings']> = {}, options = ['a', 'b', 'c']): Poll {
  return {
    id: 'po_1',
    sessionId: 'se_1',
    kind,
    prompt: 'Question?',
    options: options.map((id) => ({ id, label: id.toUpperCase() })),
    state: 'open',
    settings: { results: 'live', allowChange: false, anonymous: true, ...settings },
    revealed: false,
    createdAt: '2026-12-05T10:00:00.000Z',
  };
}

/** Adds up ballots as a store would, then builds the tally. */
function tallyOf(p: Poll, ballots: Ballot[]) {
  const counts: Record<string, number> = {};
  const labels: Record<string, string> = {};
  for (const ballot of ballots) {
    expect(ballotRefusal(p, ballot)).toBeNull();
    for (const { key, weight, label } of ballotContributions(p, ballot) as Contribution[]) {
      counts[key] = (counts[key] ?? 0) + weight;
      if (label && !labels[key]) labels[key] = label;
    }
  }
  return buildTally(p, { total: ballots.length, counts, labels });
}

describe('ballots', () => {
  it('refuses ballots that do not fit the poll', () => {
    expect(ballotRefusal(poll('single'), { optionId: 'zzz' })).toBe('unknown_option');
    expect(ballotRefusal(poll('single'), { value: 3 })).toBe('wrong_shape');
    expect(ballotRefusal(poll('multiple', { maxChoices: 2 }), { optionIds: ['a', 'b', 'c'] })).toBe('too_many_choices');
    expect(ballotRefusal(poll('multiple'), { optionIds: ['a', 'a'] })).toBe('duplicate_option');
    expect(ballotRefusal(poll('rating', { scaleMax: 5 }), { value: 7 })).toBe('out_of_range');
    expect(ballotRefusal(poll('ranking'), { order: ['a', 'b'] })).toBe('incomplete_ranking');
    expect(ballotRefusal(poll('wordcloud'), { words: ['the', 'de'] })).toBe('no_words');
  });

  it('counts single and multiple choice per option, zeros included', () => {
    expect(tallyOf(poll('single'), [{ optionId: 'a' }, { optionId: 'a' }, { optionId: 'c' }]).counts).toEqual({ a: 2, b: 0, c: 1 });
    expect(tallyOf(poll('multiple'), [{ optionIds: ['a', 'b'] }, { optionIds: ['b'] }]).counts).toEqual({ a: 1, b: 2, c: 0 });
  });

  it('gives a rating its distribution and average', () => {
    const tally = tallyOf(poll('rating', { scaleMax: 5 }), [{ value: 5 }, { value: 4 }, { value: 4 }, { value: 1 }]);
    expect(tally.counts).toEqual({ '1': 1, '2': 0, '3': 0, '4': 2, '5': 1 });
    expect(tally.average).toBe(3.5);
  });

  it('aggregates rankings Borda-style', () => {
    const tally = tallyOf(poll('ranking'), [{ order: ['a', 'b', 'c'] }, { order: ['b', 'a', 'c'] }, { order: ['b', 'c', 'a'] }]);
    // a: 2+1+0, b: 1+2+2, c: 0+0+1
    expect(tally.counts).toEqual({ a: 3, b: 5, c: 1 });
    expect(tally.ranking?.map((row) => row.optionId)).toEqual(['b', 'a', 'c']);
  });

  it('merges word-cloud spellings of the fixtures and drops stop words', () => {
    const p = poll('wordcloud', {}, []);
    const ballots: Ballot[] = wordcloud.groups.flatMap((group) => group.map((word) => ({ words: [word] })));
    ballots.push({ words: ['de', 'Zukunft'] }, { words: ['في', 'الأمل'] });
    const tally = tallyOf(p, ballots);
    expect(tally.words).toHaveLength(wordcloud.groups.length);
    const counts = new Map(tally.words?.map((entry) => [entry.word, entry.count]));
    expect(counts.get('تضامن')).toBe(4);
    expect(counts.get('Zukunft')).toBe(4);
    expect(counts.get('أمل')).toBe(5);
    expect(tally.words?.some((entry) => entry.word === 'de' || entry.word === 'في')).toBe(false);
  });

  it('keeps up to 200 distinct words of a cloud, the most said first', () => {
    const ballots: Ballot[] = Array.from({ length: 210 }, (_, at) => ({ words: [`thema${at}`] }));
    ballots.push({ words: ['thema209'] });
    const tally = tallyOf(poll('wordcloud', {}, []), ballots);
    expect(tally.words).toHaveLength(200);
    expect(tally.words?.[0]).toEqual({ word: 'thema209', count: 2 });
  });

  it('scores quiz answers: full points at once, half at the last second, none when wrong', () => {
    expect(quizPoints(true, 0, 20)).toBe(1000);
    expect(quizPoints(true, 10_000, 20)).toBe(750);
    expect(quizPoints(true, 20_000, 20)).toBe(500);
    expect(quizPoints(true, 60_000, 20)).toBe(500);
    expect(quizPoints(false, 0, 20)).toBe(0);
    expect(quizPoints(true, 5_000, undefined)).toBe(1000);
  });
});

describe('places on a board', () => {
  it('gives tied scores one place and skips the places they took (1, 2, 2, 4)', () => {
    expect(sharedPlaces([1900, 1000, 1000, 600])).toStrictEqual([1, 2, 2, 4]);
    expect(sharedPlaces([1000, 1000, 1000, 1000, 1000, 1000, 0, 0, 0, 0])).toStrictEqual([1, 1, 1, 1, 1, 1, 7, 7, 7, 7]);
    expect(sharedPlaces([3, 2, 1])).toStrictEqual([1, 2, 3]);
    expect(sharedPlaces([])).toStrictEqual([]);
  });
});

describe('poll visibility', () => {
  const attendee = { role: 'attendee' as const, eventId: 'e1' };
  const moderator = { role: 'moderator' as const, eventId: 'e1' };

  it('shows results as the setting says, and always to staff', () => {
    expect(resultsVisibleTo(poll('single', { results: 'hidden' }), attendee)).toBe(false);
    expect(resultsVisibleTo({ ...poll('single', { results: 'hidden' }), revealed: true }, attendee)).toBe(true);
    expect(resultsVisibleTo(poll('single', { results: 'after_close' }), attendee)).toBe(false);
    expect(resultsVisibleTo({ ...poll('single', { results: 'after_close' }), state: 'closed' }, attendee)).toBe(true);
    expect(resultsVisibleTo(poll('single', { results: 'hidden' }), moderator)).toBe(true);
  });

  it('keeps the quiz answer from attendees until the quiz closes', () => {
    const quiz = poll('quiz', { correctOption: 1 });
    expect(toVisiblePoll(quiz, attendee).settings.correctOption).toBeUndefined();
    expect(toVisiblePoll(quiz, moderator).settings.correctOption).toBe(1);
    expect(toVisiblePoll({ ...quiz, state: 'closed' }, attendee).settings.correctOption).toBe(1);
  });
});

describe('poll setup', () => {
  const base = { results: 'live' as const, allowChange: false, anonymous: true };
  it('needs two options for choice kinds, none for the others, and a real correct answer for a quiz', () => {
    expect(pollSetupRefusal('single', ['Oui'], base)).toBe('too_few_options');
    expect(pollSetupRefusal('rating', ['x'], base)).toBe('options_not_allowed');
    expect(pollSetupRefusal('quiz', ['a', 'b'], base)).toBe('bad_correct_option');
    expect(pollSetupRefusal('quiz', ['a', 'b'], { ...base, correctOption: 2 })).toBe('bad_correct_option');
    expect(pollSetupRefusal('quiz', ['a', 'b'], { ...base, correctOption: 1 })).toBeNull();
    expect(pollSetupRefusal('multiple', ['a', 'b'], { ...base, maxChoices: 3 })).toBe('max_choices_over_options');
    expect(pollSetupRefusal('wordcloud', [], base)).toBeNull();
  });

  it('stops taking votes when closed or when the timer runs out', () => {
    const open = poll('single');
    expect(acceptsVotes(open, new Date())).toBe(true);
    expect(acceptsVotes({ ...open, closesAt: '2026-12-05T10:00:30.000Z' }, new Date('2026-12-05T10:00:29Z'))).toBe(true);
    expect(acceptsVotes({ ...open, closesAt: '2026-12-05T10:00:30.000Z' }, new Date('2026-12-05T10:00:30Z'))).toBe(false);
    expect(acceptsVotes({ ...open, state: 'closed' }, new Date())).toBe(false);
  });
});
