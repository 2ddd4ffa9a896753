import { ROLES } from '@jisr/protocol/roles';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { ACTIONS, can, canCreateEvent, PERMISSIONS } from './permissions.js';

describe('permissions', () => {
  it('has a row for every action', () => {
    for (const action of ACTIONS) expect(PERMISSIONS[action]).toBeDefined();
  });

  it('lets only attendees ask and vote, and only staff moderate', () => {
    const allowed = (action: (typeof ACTIONS)[number]) =>
      ROLES.filter((role) => can({ role, eventId: 'e1' }, action, { eventId: 'e1', sessionId: 's1' }));
    expect(allowed('question:ask')).toEqual(['attendee']);
    expect(allowed('question:vote')).toEqual(['attendee']);
    expect(allowed('question:moderate')).toEqual(['organizer', 'moderator']);
    expect(allowed('session:view')).toEqual([...ROLES]);
  });

  it('confines everyone to their event, and session staff to their session', () => {
    const attendee: Actor = { role: 'attendee', eventId: 'e1', participantId: 'p1' };
    expect(can(attendee, 'question:ask', { eventId: 'e2', sessionId: 's1' })).toBe(false);
    const sessionModerator: Actor = { role: 'moderator', eventId: 'e1', sessionId: 's1' };
    expect(can(sessionModerator, 'question:moderate', { eventId: 'e1', sessionId: 's1' })).toBe(true);
    expect(can(sessionModerator, 'question:moderate', { eventId: 'e1', sessionId: 's2' })).toBe(false);
  });

  it('lets organizers alone create events, and gives the agenda and announcements to staff', () => {
    expect(ROLES.filter(canCreateEvent)).toEqual(['organizer']);
    const allowed = (action: (typeof ACTIONS)[number]) =>
      ROLES.filter((role) => can({ role, eventId: 'e1' }, action, { eventId: 'e1', sessionId: 's1' }));
    expect(allowed('agenda:update')).toEqual(['organizer', 'moderator']);
    expect(allowed('event:manage')).toEqual(['organizer']);
    // A moderator of one session runs its agenda, not the event's announcements.
    const sessionModerator: Actor = { role: 'moderator', eventId: 'e1', sessionId: 's1' };
    expect(can(sessionModerator, 'agenda:update', { eventId: 'e1', sessionId: 's1' })).toBe(true);
    expect(can(sessionModerator, 'announce', { eventId: 'e1' })).toBe(false);
  });
});
