import type { Poll, Tally } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { barRows, cardPoll, closedPolls, openPoll, cloudWords, moveItem, percent, rankRows, ratingRows, secondsLeft } from './poll-view.js';

function poll(id: string, overrides: Partial<Poll> = {}): Poll {
  return {
    id,
    sessionId: 's_1',
    kind: 'single',
    prompt: 'Which?',
    options: [
      { id: 'a', label: 'A' },
      { id: 'b', label: 'B' },
      { id: 'c', label: 'C' },
    ],
    state: 'closed',
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:00:00.000Z',
    ...overrides,
  };
}

const tally = (counts: Record<string, number>, total: number, extra: Partial<Tally> = {}): Tally => ({
  pollId: 'p',
  sessionId: 's_1',
  total,
  counts,
  ...extra,
});

describe('openPoll and closedPolls', () => {
  const polls = [
    poll('p_1', { openedAt: '2026-12-05T08:10:00.000Z' }),
    poll('p_2', { openedAt: '2026-12-05T08:30:00.000Z' }),
    poll('p_3', { openedAt: '2026-12-05T08:40:00.000Z', settings: { results: 'hidden', allowChange: false, anonymous: true } }),
    poll('p_4', { state: 'draft' }),
    poll('p_5', { state: 'open', openedAt: '2026-12-05T08:50:00.000Z' }),
  ];

  it('finds the open poll alone, never a closed one in its place', () => {
    expect(openPoll(polls)?.id).toBe('p_5');
    expect(openPoll(polls.filter((item) => item.state !== 'open'))).toBeNull();
  });

  it("keeps a closed poll's card only while this phone's ballot for it stands refused", () => {
    const closedOnly = polls.filter((item) => item.state !== 'open');
    expect(cardPoll(polls, () => true)?.id).toBe('p_5');
    expect(cardPoll(closedOnly, () => false)).toBeNull();
    expect(cardPoll(closedOnly, (id) => id === 'p_1')?.id).toBe('p_1');
    expect(cardPoll(closedOnly, (id) => id === 'p_1' || id === 'p_2')?.id).toBe('p_2');
    // A draft never shows, refused or not.
    expect(cardPoll(closedOnly, (id) => id === 'p_4')).toBeNull();
  });

  it('lists the closed polls whose results the viewer may see, the latest opened first', () => {
    expect(closedPolls(polls, 'attendee').map((item) => item.id)).toEqual(['p_2', 'p_1']);
    // Speakers see every result, hidden ones included.
    expect(closedPolls(polls, 'speaker').map((item) => item.id)).toEqual(['p_3', 'p_2', 'p_1']);
    expect(closedPolls([], 'attendee')).toEqual([]);
  });
});

describe('moveItem', () => {
  it('moves up and down', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
  });

  it('leaves the ends and bad indexes alone', () => {
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 5, 1)).toEqual(['a', 'b']);
  });
});

describe('results formatting', () => {
  it('rounds shares and copes with no votes', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });

  it('builds bars against the biggest count, in option order', () => {
    const rows = barRows(poll('p'), tally({ a: 2, b: 4 }, 6));
    expect(rows.map((row) => [row.id, row.count, row.percent, row.width])).toEqual([
      ['a', 2, 33, 50],
      ['b', 4, 67, 100],
      ['c', 0, 0, 0],
    ]);
  });

  it('marks the quiz answer only once closed', () => {
    const settings = { results: 'live' as const, allowChange: false, anonymous: true, correctOption: 1 };
    expect(barRows(poll('p', { kind: 'quiz', settings }), undefined).find((row) => row.correct)?.id).toBe('b');
    expect(barRows(poll('p', { kind: 'quiz', settings, state: 'open' }), undefined).some((row) => row.correct)).toBe(false);
  });

  it('spreads ratings over the scale', () => {
    const rows = ratingRows(poll('p', { kind: 'rating', options: [], settings: { results: 'live', allowChange: false, anonymous: true, scaleMax: 10 } }), tally({ '3': 1, '10': 1 }, 2));
    expect(rows).toHaveLength(10);
    expect(rows[2]?.count).toBe(1);
    expect(rows[9]?.percent).toBe(50);
  });

  it('orders a ranking by Borda points', () => {
    const rows = rankRows(poll('p', { kind: 'ranking' }), tally({}, 2, { ranking: [{ optionId: 'a', score: 2 }, { optionId: 'c', score: 5 }, { optionId: 'b', score: 3 }] }));
    expect(rows.map((row) => row.label)).toEqual(['C', 'B', 'A']);
  });

  it('sizes cloud words between 1 and 3', () => {
    const words = cloudWords(tally({}, 3, { words: [{ word: 'low', count: 1 }, { word: 'high', count: 5 }] }));
    expect(words.map((word) => [word.word, word.scale])).toEqual([
      ['high', 3],
      ['low', 1],
    ]);
  });

  it('counts down to closesAt', () => {
    const now = new Date('2026-12-05T08:00:00.000Z');
    expect(secondsLeft('2026-12-05T08:00:09.500Z', now)).toBe(10);
    expect(secondsLeft('2026-12-05T07:59:00.000Z', now)).toBe(0);
    expect(secondsLeft(undefined, now)).toBeNull();
    expect(secondsLeft('2026-12-05T08:00:09.500Z', new Date('2026-12-05T07:59:58.000Z'), 10)).toBe(10);
  });
});
