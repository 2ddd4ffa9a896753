import { MODERATION_ACTIONS } from '@jisr/protocol/question';
import { describe, expect, it } from 'vitest';
import { normalizeLabels, planModeration, statusAfterEdit } from './moderation.js';

const now = new Date('2026-12-05T10:00:00Z');

describe('moderation', () => {
  it('has a plan for every action, each allowed from at least one state', () => {
    for (const action of MODERATION_ACTIONS) expect(planModeration(action, now).from.length).toBeGreaterThan(0);
  });

  it('answers only published questions, stamps the time and takes them off the screen', () => {
    expect(planModeration('answer', now)).toEqual({
      from: ['approved'],
      change: { status: 'answered', answeredAt: '2026-12-05T10:00:00.000Z', pinned: false },
    });
  });

  it('pins by approving, and restores by publishing again without the answered time', () => {
    expect(planModeration('pin', now).change).toMatchObject({ status: 'approved', pinned: true });
    expect(planModeration('restore', now).change).toEqual({ status: 'approved', answeredAt: null });
    expect(planModeration('approve', now).from).not.toContain('archived');
  });

  it('sends an edited question back to the queue in moderated sessions or when held', () => {
    expect(statusAfterEdit('approved', false, false)).toBe('approved');
    expect(statusAfterEdit('approved', true, false)).toBe('pending');
    expect(statusAfterEdit('approved', false, true)).toBe('pending');
  });
});

describe('labels', () => {
  it('trims and collapses case-insensitive duplicates', () => {
    expect(normalizeLabels([' Budget ', 'budget', 'تعليم', '', 'Panel'])).toEqual(['Budget', 'تعليم', 'Panel']);
  });
});
