import { describe, expect, it } from 'vitest';
import { isMuted, muteExcerpt, muteHolds, muteScopeRefusal, muteUntil, mutableParticipant, toStaffMute, type MuteRecord } from './mutes.js';

const base: MuteRecord = {
  id: 'mu_1',
  eventId: 'ev_1',
  sessionId: 'se_1',
  scope: 'session',
  participantId: 'pa_1',
  questionId: 'q_1',
  excerpt: 'Pourquoi ?',
  createdAt: '2026-12-05T09:00:00.000Z',
};
const at = (time: string) => new Date(`2026-12-05T${time}:00.000Z`);

describe('mutes', () => {
  it('a session mute holds in its session only; an event mute in every session', () => {
    expect(isMuted([base], 'pa_1', 'se_1', at('09:10'))).toBe(true);
    expect(isMuted([base], 'pa_1', 'se_2', at('09:10'))).toBe(false);
    expect(isMuted([{ ...base, scope: 'event' }], 'pa_1', 'se_2', at('09:10'))).toBe(true);
    expect(isMuted([base], 'pa_2', 'se_1', at('09:10'))).toBe(false);
  });

  it('a timed mute ends at its `until`, exactly', () => {
    const timed = { ...base, until: muteUntil(at('09:00'), 30) ?? '' };
    expect(timed.until).toBe('2026-12-05T09:30:00.000Z');
    expect(muteHolds(timed, 'se_1', new Date(Date.parse(timed.until) - 1))).toBe(true);
    expect(muteHolds(timed, 'se_1', at('09:30'))).toBe(false);
    expect(muteUntil(at('09:00'), undefined)).toBeUndefined();
  });

  it('staff see everything of a mute but who; only attendees can be muted; event scope is beyond a session invite', () => {
    expect(toStaffMute(base)).not.toHaveProperty('participantId');
    expect(mutableParticipant('p:pa_1')).toBe('pa_1');
    expect(mutableParticipant('u:us_1')).toBeNull();
    expect(muteScopeRefusal({ sessionId: 'se_1' }, 'event')).toBe('beyond_session');
    expect(muteScopeRefusal({ sessionId: 'se_1' }, 'session')).toBeNull();
    expect(muteScopeRefusal({}, 'event')).toBeNull();
  });

  it('keeps the start of a long question, cut on whole characters', () => {
    const long = '🙂'.repeat(200);
    expect(Array.from(muteExcerpt(long))).toHaveLength(80);
    expect(muteExcerpt('court')).toBe('court');
  });
});
