import type { Poll, Tally } from '@jisr/protocol/poll';
import { describe, expect, it } from 'vitest';
import { makeQuestion } from '$lib/test/questions.js';
import { sessionJoinUrl } from './join-url.js';
import { COMPACT_ROWS, pollStageView, shownRows } from './poll-stage.js';
import { stageAttributes } from './stage-attributes.js';

function poll(overrides: Partial<Poll> = {}): Poll {
  return {
    id: 'po_1',
    sessionId: 'se_1',
    kind: 'single',
    prompt: 'Where next?',
    options: [
      { id: 'o1', label: 'Madrid' },
      { id: 'o2', label: 'Rabat' },
    ],
    state: 'open',
    settings: { results: 'live', allowChange: false, anonymous: true },
    revealed: false,
    createdAt: '2026-12-05T08:00:00.000Z',
    ...overrides,
  };
}

const tally: Tally = { pollId: 'po_1', sessionId: 'se_1', total: 3, counts: { o1: 1, o2: 2 } };

describe('stageAttributes', () => {
  it('names the kind, and the poll, question and view where they apply', () => {
    expect(stageAttributes({ kind: 'poll', poll: poll(), show: 'results' })).toEqual({
      'data-stage-kind': 'poll',
      'data-stage-poll-id': 'po_1',
      'data-stage-show': 'results',
    });
    expect(stageAttributes({ kind: 'question', question: makeQuestion('q_1') })).toEqual({ 'data-stage-kind': 'question', 'data-stage-question-id': 'q_1' });
    expect(stageAttributes({ kind: 'answers', poll: poll(), answerIds: ['a_1'] })).toEqual({ 'data-stage-kind': 'answers', 'data-stage-poll-id': 'po_1' });
    for (const kind of ['questions', 'join', 'blank'] as const) expect(stageAttributes({ kind })).toEqual({ 'data-stage-kind': kind });
  });

  it('says nothing before the first snapshot', () => {
    expect(stageAttributes(null)).toEqual({});
  });
});

describe('pollStageView', () => {
  it('shows a running poll’s figures when its results are live', () => {
    expect(pollStageView(poll(), 'voting', tally)).toEqual({ figures: true, reveal: false });
  });

  it('keeps the figures of a poll whose results come after it closes, until then', () => {
    const later = poll({ settings: { results: 'after_close', allowChange: false, anonymous: true } });
    expect(pollStageView(later, 'voting', tally).figures).toBe(false);
    expect(pollStageView(later, 'results', tally).figures).toBe(false);
    expect(pollStageView({ ...later, state: 'closed' }, 'results', tally).figures).toBe(true);
  });

  it('never shows hidden results the moderator has not revealed, whoever opened the screen', () => {
    const hidden = poll({ state: 'closed', settings: { results: 'hidden', allowChange: false, anonymous: true } });
    expect(pollStageView(hidden, 'results', tally).figures).toBe(false);
    expect(pollStageView({ ...hidden, revealed: true }, 'results', tally).figures).toBe(true);
  });

  it('shows the options alone when asked for the vote of a closed poll, or without a tally', () => {
    expect(pollStageView(poll({ state: 'closed' }), 'voting', tally).figures).toBe(false);
    expect(pollStageView(poll(), 'results', undefined).figures).toBe(false);
  });

  it('reveals a closed quiz’s results as the answer, then the leaderboard', () => {
    const quiz = poll({ kind: 'quiz', state: 'closed', settings: { results: 'live', allowChange: false, anonymous: false, correctOption: 1 } });
    expect(pollStageView(quiz, 'results', tally)).toEqual({ figures: true, reveal: true });
    expect(pollStageView({ ...quiz, state: 'open' }, 'results', tally).reveal).toBe(false);
  });
});

describe('sessionJoinUrl', () => {
  it('opens the session itself, which joins the event on the way', () => {
    expect(sessionJoinUrl('https://jisr.example', 'DEMO', 'se_1')).toBe('https://jisr.example/e/DEMO/s/se_1');
  });
});

describe('shownRows', () => {
  const rows = Array.from({ length: 20 }, (_, at) => ({ id: `o${at}`, count: (at * 7) % 20 }));

  it('keeps every row, in order, on the room screen', () => {
    expect(shownRows(rows, false)).toEqual(rows);
  });

  it('keeps the rows with the most votes in a lower third', () => {
    const shown = shownRows(rows, true);
    expect(shown).toHaveLength(COMPACT_ROWS);
    expect(shown.map((row) => row.count)).toEqual([19, 18, 17, 16, 15]);
    expect(shownRows(rows.slice(0, 3), true)).toEqual(rows.slice(0, 3));
  });
});
