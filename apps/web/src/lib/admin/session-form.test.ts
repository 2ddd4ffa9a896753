import { describe, expect, it } from 'vitest';
import { testSession } from '$lib/agenda/test-sessions.js';
import { plannedTimes, sessionEditRequest, sessionFormValues } from './session-form.js';

describe('session form', () => {
  it('shows planned times as the event’s wall clock and reads them back', () => {
    const session = testSession({ startsAt: '2026-12-05T08:30:00.000Z', endsAt: '2026-12-05T09:45:00.000Z' });
    const values = sessionFormValues(session, 'Europe/Brussels');
    expect(values).toMatchObject({ day: '2026-12-05', start: '09:30', end: '10:45' });
    expect(plannedTimes(values, 'Europe/Brussels')).toEqual({ startsAt: '2026-12-05T08:30:00.000Z', endsAt: '2026-12-05T09:45:00.000Z' });
  });

  it('follows daylight saving: 09:30 in Brussels is 07:30 UTC in summer', () => {
    expect(plannedTimes({ day: '2026-06-05', start: '09:30', end: '10:00' }, 'Europe/Brussels').startsAt).toBe('2026-06-05T07:30:00.000Z');
  });

  it('sends only what changed', () => {
    const session = testSession();
    const values = { ...sessionFormValues(session, 'UTC'), end: '11:00', title: { en: 'Talk', fr: 'Exposé' } };
    expect(sessionEditRequest(session, values, 'UTC')).toEqual({ endsAt: '2026-12-05T11:00:00.000Z', title: { en: 'Talk', fr: 'Exposé' } });
    expect(sessionEditRequest(session, sessionFormValues(session, 'UTC'), 'UTC')).toEqual({});
  });
});
