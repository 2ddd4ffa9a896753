import { describe, expect, it } from 'vitest';
import { dictionaries } from '$lib/i18n/dictionaries.js';
import { translate } from '$lib/i18n/translate.js';
import { isNoticeworthy, noticeText, scheduleChange, type NoticeWords } from './schedule-change.js';
import { testSession } from './test-sessions.js';

const { en } = dictionaries;

const panel = testSession({ id: 'p2', kind: 'panel', title: { en: 'Panel 2' } });

const words: NoticeWords = {
  title: (session) => session.title.en ?? '',
  time: (instant) => instant.toISOString().slice(11, 16),
  room: (roomId) => (roomId === 'r_2' ? 'Salle B' : 'Salle A'),
};

describe('scheduleChange', () => {
  it('tells a delay, a move, both, a cancellation and its undoing apart', () => {
    expect(scheduleChange(panel, { ...panel, delayMinutes: 10 })?.kind).toBe('rescheduled');
    expect(scheduleChange(panel, { ...panel, roomId: 'r_2' })?.kind).toBe('moved');
    expect(scheduleChange(panel, { ...panel, roomId: 'r_2', delayMinutes: 10 })?.kind).toBe('moved-rescheduled');
    expect(scheduleChange(panel, { ...panel, status: 'cancelled' })?.kind).toBe('cancelled');
    expect(scheduleChange({ ...panel, status: 'cancelled' }, panel)?.kind).toBe('restored');
    expect(scheduleChange(panel, { ...panel, status: 'live' })?.kind).toBe('started');
    expect(scheduleChange(panel, { ...panel, startsAt: '2026-12-05T09:40:00.000Z', endsAt: '2026-12-05T10:40:00.000Z' })?.kind).toBe(
      'rescheduled',
    );
  });

  it('is null for changes that do not move anyone (Q&A switches)', () => {
    expect(scheduleChange(panel, { ...panel, qa: { ...panel.qa, open: false } })).toBeNull();
    expect(scheduleChange({ ...panel, status: 'cancelled' }, { ...panel, status: 'cancelled', delayMinutes: 5 })).toBeNull();
  });

  it('tells a start or an end only for a starred session', () => {
    const started = scheduleChange(panel, { ...panel, status: 'live' });
    expect(started && isNoticeworthy(started, false)).toBe(false);
    expect(started && isNoticeworthy(started, true)).toBe(true);
  });
});

describe('noticeText', () => {
  it('says "Panel 2 now starts 09:40 in Salle B" in English', () => {
    const change = scheduleChange(panel, { ...panel, roomId: 'r_2', delayMinutes: 10 });
    if (!change) throw new Error('expected a change');
    const text = noticeText(change, words);
    expect(text.key).toBe('notice.moved-rescheduled');
    expect(translate(en, text.key, text.params)).toBe('Panel 2 now starts 09:40 in Salle B');
  });

  it('says the new time of a delayed session', () => {
    const change = scheduleChange(panel, { ...panel, delayMinutes: 15 });
    if (!change) throw new Error('expected a change');
    const text = noticeText(change, words);
    expect(translate(en, text.key, text.params)).toBe('Panel 2 now starts at 09:45');
  });
});
