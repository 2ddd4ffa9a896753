import type { Session } from '@jisr/protocol/event';
import { describe, expect, it } from 'vitest';
import { applyAgendaUpdate } from './apply-agenda-update.js';

const base: Session = {
  id: 's_1',
  eventId: 'e_1',
  roomId: 'r_1',
  kind: 'talk',
  title: { en: 'Talk' },
  description: {},
  startsAt: '2026-12-05T08:30:00.000Z',
  endsAt: '2026-12-05T09:30:00.000Z',
  status: 'scheduled',
  delayMinutes: 0,
  speakerIds: [],
  qa: { open: true, moderated: false, anonymousAllowed: true },
};

describe('applyAgendaUpdate', () => {
  it('replaces the session and remembers its seq', () => {
    const next = applyAgendaUpdate({ sessions: [base], seqBySession: {} }, { session: { ...base, delayMinutes: 15 }, seq: 4 });
    expect(next.sessions[0]?.delayMinutes).toBe(15);
    expect(next.seqBySession).toEqual({ s_1: 4 });
  });

  it('ignores an update older than one already applied', () => {
    const current = { sessions: [{ ...base, delayMinutes: 15 }], seqBySession: { s_1: 4 } };
    expect(applyAgendaUpdate(current, { session: { ...base, delayMinutes: 5 }, seq: 3 })).toBe(current);
  });

  it('adds a session it did not know', () => {
    const next = applyAgendaUpdate({ sessions: [base], seqBySession: {} }, { session: { ...base, id: 's_2' }, seq: 1 });
    expect(next.sessions.map((session) => session.id)).toEqual(['s_1', 's_2']);
  });
});
