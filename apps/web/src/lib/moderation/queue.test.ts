import { describe, expect, it } from 'vitest';
import { makeQuestion as q } from '$lib/test/questions.js';
import { availableActions, countByTab, labelsOf, nextToHandle, queueView, resolveSelection, stepSelection, tabOf } from './queue.js';

const at = (minute: number): string => `2026-12-05T08:${String(minute).padStart(2, '0')}:00.000Z`;

describe('the moderation queue', () => {
  const questions = [
    q('p1', { status: 'pending', createdAt: at(10) }),
    q('p2', { status: 'pending', createdAt: at(5), held: true, lang: 'ar' }),
    q('a1', { votes: 2, createdAt: at(1), labels: ['Budget'] }),
    q('a2', { votes: 9, createdAt: at(2), lang: 'fr' }),
    q('a3', { votes: 1, createdAt: at(3), pinned: true, labels: ['panel'] }),
    q('d1', { status: 'answered', createdAt: at(1), answeredAt: at(30) }),
    q('d2', { status: 'answered', createdAt: at(2), answeredAt: at(40) }),
    q('r1', { status: 'rejected', createdAt: at(4) }),
    q('x1', { status: 'archived', createdAt: at(6), labels: ['budget'] }),
  ];

  it('puts each status in its tab: rejected and archived together', () => {
    expect(tabOf(q('x', { status: 'pending' }))).toBe('incoming');
    expect(tabOf(q('x', { status: 'approved' }))).toBe('live');
    expect(tabOf(q('x', { status: 'answered' }))).toBe('answered');
    expect(tabOf(q('x', { status: 'rejected' }))).toBe('archived');
    expect(tabOf(q('x', { status: 'archived' }))).toBe('archived');
    expect(countByTab(questions)).toEqual({ incoming: 2, live: 3, answered: 2, archived: 2 });
  });

  it('orders incoming oldest first, live pinned then by votes, the rest newest first', () => {
    const view = (tab: 'incoming' | 'live' | 'answered' | 'archived'): string[] =>
      queueView(questions, { tab, lang: null, label: null }).map((question) => question.id);
    expect(view('incoming')).toEqual(['p2', 'p1']);
    expect(view('live')).toEqual(['a3', 'a2', 'a1']);
    expect(view('answered')).toEqual(['d2', 'd1']);
    expect(view('archived')).toEqual(['x1', 'r1']);
  });

  it('filters by language and by label, labels in any case', () => {
    expect(queueView(questions, { tab: 'live', lang: 'fr', label: null }).map((question) => question.id)).toEqual(['a2']);
    expect(queueView(questions, { tab: 'live', lang: null, label: 'BUDGET' }).map((question) => question.id)).toEqual(['a1']);
    expect(queueView(questions, { tab: 'live', lang: 'ar', label: null })).toEqual([]);
  });

  it('lists every label once, alphabetically', () => {
    expect(labelsOf(questions)).toEqual(['Budget', 'panel']);
  });
});

describe('availableActions', () => {
  it('follows core’s planModeration for each status', () => {
    expect(availableActions(q('x', { status: 'pending' }))).toEqual(['approve', 'pin', 'reject', 'archive']);
    expect(availableActions(q('x', { status: 'approved' }))).toEqual(['pin', 'answer', 'reject', 'archive']);
    expect(availableActions(q('x', { status: 'answered' }))).toEqual(['archive', 'restore']);
    expect(availableActions(q('x', { status: 'rejected' }))).toEqual(['approve', 'archive', 'restore']);
    expect(availableActions(q('x', { status: 'archived' }))).toEqual(['restore']);
  });

  it('offers unpin instead of pin on the pinned question', () => {
    expect(availableActions(q('x', { status: 'approved', pinned: true }))).toEqual(['unpin', 'answer', 'reject', 'archive']);
  });
});

describe('selection', () => {
  it('keeps the selected question while it is listed', () => {
    expect(resolveSelection(['a', 'b', 'c'], 'b', 1)).toBe('b');
    expect(resolveSelection(['c', 'b', 'a'], 'b', 0)).toBe('b');
  });

  it('moves to the one that took its place when it leaves the list', () => {
    expect(resolveSelection(['a', 'c'], 'b', 1)).toBe('c');
    expect(resolveSelection(['a'], 'b', 1)).toBe('a');
    expect(resolveSelection([], 'b', 1)).toBeNull();
  });

  it('selects nothing until asked', () => {
    expect(resolveSelection(['a', 'b'], null, 0)).toBeNull();
  });

  it('steps within the list and starts from its ends', () => {
    expect(stepSelection(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(stepSelection(['a', 'b', 'c'], null, -1)).toBe('c');
    expect(stepSelection(['a', 'b', 'c'], 'b', 1)).toBe('c');
    expect(stepSelection(['a', 'b', 'c'], 'c', 1)).toBe('c');
    expect(stepSelection(['a', 'b', 'c'], 'a', -1)).toBe('a');
    expect(stepSelection([], 'a', 1)).toBeNull();
  });
});

describe('questions just dealt with', () => {
  it('stay in the tab they left, in their place, until the moderator moves on', () => {
    const list = [
      q('p1', { status: 'pending', createdAt: at(1) }),
      q('done', { status: 'approved', createdAt: at(2) }),
      q('p3', { status: 'pending', createdAt: at(3) }),
    ];
    const view = (keep: Set<string>): string[] => queueView(list, { tab: 'incoming', lang: null, label: null }, keep).map((x) => x.id);
    expect(view(new Set())).toEqual(['p1', 'p3']);
    expect(view(new Set(['done']))).toEqual(['p1', 'done', 'p3']);
  });

  it('hand the selection to the next question still waiting', () => {
    expect(nextToHandle(['a', 'b', 'c', 'd'], 'b', new Set(['b', 'c']))).toBe('d');
    expect(nextToHandle(['a', 'b', 'c'], 'c', new Set(['c']))).toBe('b');
    expect(nextToHandle(['a', 'b'], 'b', new Set(['a', 'b']))).toBeNull();
  });
});
