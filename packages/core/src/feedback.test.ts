import { describe, expect, it } from 'vitest';
import { feedbackComment, feedbackOffered, feedbackReadable, feedbackRefusal, summarizeFeedback, toOwnFeedback, type FeedbackRecord } from './feedback.js';
import { can } from './permissions.js';

const record = (rating: number, extra: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  sessionId: 'se_1',
  authorKey: `p:${rating}`,
  rating,
  clientId: `c-${rating}-0000`,
  givenAt: `2026-12-05T10:0${rating}:00.000Z`,
  ...extra,
});

describe('session feedback', () => {
  it('is asked for once the session ended, never for a cancelled one', () => {
    expect(feedbackRefusal({ status: 'scheduled', qa: {} })).toBe('not_ended');
    expect(feedbackRefusal({ status: 'live', qa: {} })).toBe('not_ended');
    expect(feedbackRefusal({ status: 'live', qa: { feedbackOpen: false } })).toBe('not_ended');
    expect(feedbackRefusal({ status: 'ended', qa: {} })).toBeNull();
    expect(feedbackRefusal({ status: 'cancelled', qa: {} })).toBe('cancelled');
  });

  it('is offered on a live session once its moderator opens it, and stays offered when it ends', () => {
    expect(feedbackOffered({ status: 'live', qa: { feedbackOpen: true } })).toBe(true);
    expect(feedbackRefusal({ status: 'live', qa: { feedbackOpen: true } })).toBeNull();
    expect(feedbackOffered({ status: 'ended', qa: { feedbackOpen: true } })).toBe(true);
    expect(feedbackOffered({ status: 'ended', qa: { feedbackOpen: false } })).toBe(true);
    // Opened before the talk began, or on a session then cancelled: nothing to rate.
    expect(feedbackRefusal({ status: 'scheduled', qa: { feedbackOpen: true } })).toBe('not_ended');
    expect(feedbackRefusal({ status: 'cancelled', qa: { feedbackOpen: true } })).toBe('cancelled');
    expect(feedbackOffered({ status: 'live', qa: {} })).toBe(false);
  });

  it('is given by attendees only, and read by organizers and speakers', () => {
    const scope = { eventId: 'e1', sessionId: 's1' };
    expect(can({ role: 'attendee', eventId: 'e1' }, 'feedback:give', scope)).toBe(true);
    expect(can({ role: 'speaker', eventId: 'e1' }, 'feedback:give', scope)).toBe(false);
    expect(can({ role: 'screen', eventId: 'e1' }, 'feedback:read', scope)).toBe(false);
    expect(can({ role: 'speaker', eventId: 'e1', sessionId: 's2' }, 'feedback:read', scope)).toBe(false);
  });

  it('lets speakers read only after the end, organizers whenever', () => {
    expect(feedbackReadable('speaker', { status: 'live' })).toBe(false);
    expect(feedbackReadable('speaker', { status: 'ended' })).toBe(true);
    expect(feedbackReadable('organizer', { status: 'live' })).toBe(true);
    expect(feedbackReadable('moderator', { status: 'ended' })).toBe(false);
  });

  it('cleans a comment like any typed text; nothing readable is no comment', () => {
    expect(feedbackComment('  Très\u200B clair  ')).toBe('Très clair');
    expect(feedbackComment('\u200B\u200B')).toBeUndefined();
    expect(feedbackComment('')).toBeUndefined();
    expect(feedbackComment(undefined)).toBeUndefined();
  });

  it('sums up the distribution and the mean, comments newest first, held ones for organizers alone', () => {
    const records = [record(5, { comment: 'Bravo' }), record(4), record(4, { authorKey: 'p:x', comment: 'merde', held: true }), record(1)];
    const forOrganizer = summarizeFeedback('se_1', records, 'organizer');
    expect(forOrganizer).toMatchObject({ count: 4, average: 3.5, distribution: [1, 0, 0, 2, 1] });
    expect(forOrganizer.comments.map((c) => c.comment)).toEqual(['Bravo', 'merde']);
    expect(forOrganizer.comments[1]?.held).toBe(true);
    expect(summarizeFeedback('se_1', records, 'speaker').comments.map((c) => c.comment)).toEqual(['Bravo']);
    expect(summarizeFeedback('se_1', [], 'speaker')).toMatchObject({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] });
  });

  it('gives the giver back their rating and comment, not their key or clientId', () => {
    expect(toOwnFeedback(record(4, { comment: 'ok' }))).toEqual({ sessionId: 'se_1', rating: 4, comment: 'ok', givenAt: '2026-12-05T10:04:00.000Z' });
  });
});
