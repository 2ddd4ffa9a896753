import type { Poll, Tally } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { makeQuestion } from '$lib/test/questions.js';
import { marksOf, pollNewsWords, roomNews, type RoomView } from './room-news.js';

function poll(id: string, overrides: Partial<Poll> = {}): Poll {
  return {
    id,
    sessionId: 's_1',
    kind: 'single',
    prompt: `Poll ${id}`,
    options: [
      { id: 'o_a', label: 'Rabat' },
      { id: 'o_b', label: 'Bruxelles' },
    ],
    state: 'open',
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:40:00.000Z',
    ...overrides,
  };
}

function view(overrides: Partial<RoomView> = {}): RoomView {
  return { questions: [], polls: [], tallies: {}, role: 'attendee', myQuestionIds: new Set(), ...overrides };
}

describe('roomNews', () => {
  it('says nothing about the first snapshot: that is the page, not news', () => {
    expect(roomNews(null, view({ questions: [makeQuestion('q_1')], polls: [poll('p_1')] }))).toEqual([]);
  });

  it('announces questions that arrived since, but not one’s own', () => {
    const before = marksOf(view({ questions: [makeQuestion('q_1')] }));
    const now = view({ questions: [makeQuestion('q_1'), makeQuestion('q_2'), makeQuestion('q_3')], myQuestionIds: new Set(['q_3']) });
    expect(roomNews(before, now)).toEqual([{ kind: 'questions', questions: [makeQuestion('q_2')] }]);
  });

  it('says nothing when only votes moved', () => {
    const before = marksOf(view({ questions: [makeQuestion('q_1')] }));
    expect(roomNews(before, view({ questions: [makeQuestion('q_1', { votes: 4 })] }))).toEqual([]);
  });

  it('announces a poll that opens', () => {
    const draft = poll('p_1', { state: 'draft' });
    const before = marksOf(view({ polls: [draft], role: 'moderator' }));
    const opened = poll('p_1');
    expect(roomNews(before, view({ polls: [opened], role: 'moderator' }))).toEqual([{ kind: 'poll-opened', poll: opened }]);
    // An attendee never saw the draft: the poll is new and open.
    expect(roomNews(marksOf(view()), view({ polls: [opened] }))).toEqual([{ kind: 'poll-opened', poll: opened }]);
  });

  it('announces results once they can be seen, with the option ahead', () => {
    const tally: Tally = { pollId: 'p_1', sessionId: 's_1', total: 4, counts: { o_a: 1, o_b: 3 } };
    const before = marksOf(view({ polls: [poll('p_1')] }));
    const closed = poll('p_1', { state: 'closed' });
    expect(roomNews(before, view({ polls: [closed], tallies: { p_1: tally } }))).toEqual([
      { kind: 'poll-results', poll: closed, leader: { optionId: 'o_b', label: 'Bruxelles', percent: 75 } },
    ]);
    // Said once: the next change in the room does not repeat it.
    const after = marksOf(view({ polls: [closed], tallies: { p_1: tally } }));
    expect(roomNews(after, view({ polls: [closed], tallies: { p_1: tally } }))).toEqual([]);
  });

  it('only says a poll closed when its results stay hidden, and names no leader without votes', () => {
    const before = marksOf(view({ polls: [poll('p_1', { settings: { results: 'hidden', allowChange: false, anonymous: true } })] }));
    const closed = poll('p_1', { state: 'closed', settings: { results: 'hidden', allowChange: false, anonymous: true } });
    expect(roomNews(before, view({ polls: [closed] }))).toEqual([{ kind: 'poll-closed', poll: closed }]);

    const revealed = { ...closed, revealed: true };
    expect(roomNews(marksOf(view({ polls: [closed] })), view({ polls: [revealed] }))).toEqual([
      { kind: 'poll-results', poll: revealed, leader: null },
    ]);
  });
});

describe('pollNewsWords', () => {
  const translated = poll('p_9', {
    lang: 'fr',
    prompt: 'Où se retrouve-t-on ?',
    translations: { ar: { prompt: 'أين نلتقي؟', options: ['الرباط', 'بروكسل'] }, nl: { prompt: 'Waar spreken we af?', options: ['Rabat', 'Brussel'] } },
  });

  it('reads a new poll in the phone’s language through the poll’s translation, not in the language it was written in', () => {
    expect(pollNewsWords({ kind: 'poll-opened', poll: translated }, 'ar', ['fr'])).toEqual({ lang: 'ar', prompt: 'أين نلتقي؟', leader: null });
    expect(pollNewsWords({ kind: 'poll-opened', poll: translated }, 'nl', ['fr']).prompt).toBe('Waar spreken we af?');
  });

  it('names the leading option in that language too, and falls back through the event order when there is no translation', () => {
    const results = { kind: 'poll-results', poll: translated, leader: { optionId: 'o_b', label: 'Bruxelles', percent: 60 } } as const;
    expect(pollNewsWords(results, 'ar', ['fr']).leader).toEqual({ label: 'بروكسل', percent: 60 });
    expect(pollNewsWords(results, 'de', ['nl', 'fr'])).toMatchObject({ lang: 'nl', leader: { label: 'Brussel' } });
    expect(pollNewsWords(results, 'de', ['fr'])).toMatchObject({ lang: 'fr', prompt: 'Où se retrouve-t-on ?', leader: { label: 'Bruxelles' } });
  });
});
