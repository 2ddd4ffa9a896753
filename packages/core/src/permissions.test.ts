import { ROLES } from '@jisr/protocol/roles';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.js';
import { ACTIONS, can, canCreateEvent, canDeleteEvent, canRemoveOrganizer, organizes, outsideScope, PERMISSIONS } from './permissions.js';

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
    // The stage and the notes to speakers belong to whoever runs the session.
    expect(allowed('stage:direct')).toEqual(['organizer', 'moderator']);
    expect(allowed('speaker:note')).toEqual(['organizer', 'moderator']);
    // A moderator of one session runs its agenda, not the event's announcements.
    const sessionModerator: Actor = { role: 'moderator', eventId: 'e1', sessionId: 's1' };
    expect(can(sessionModerator, 'agenda:update', { eventId: 'e1', sessionId: 's1' })).toBe(true);
    expect(can(sessionModerator, 'announce', { eventId: 'e1' })).toBe(false);
  });

  it('outsideScope: the sessions a session-scoped moderator may not touch; none for an event-wide one', () => {
    const scoped = { role: 'moderator' as const, eventId: 'e1', sessionId: 's1' };
    expect(outsideScope(scoped, 'agenda:update', 'e1', ['s1', 's2', 's3'])).toEqual(['s2', 's3']);
    expect(outsideScope({ role: 'moderator', eventId: 'e1' }, 'agenda:update', 'e1', ['s1', 's2'])).toEqual([]);
    expect(outsideScope({ role: 'organizer', eventId: 'e1' }, 'agenda:update', 'e2', ['s1'])).toEqual(['s1']);
  });

  describe('co-organizers', () => {
    const event = { ownerId: 'u_owner', organizerIds: ['u_amal', 'u_karim'] };
    const organizer = (userId: string): Actor => ({ role: 'organizer', eventId: 'e1', userId });

    it('count the owner and the co-organizers as organizers, nobody else', () => {
      expect(['u_owner', 'u_amal', 'u_karim', 'u_other'].filter((id) => organizes(event, id))).toEqual(['u_owner', 'u_amal', 'u_karim']);
    });

    it('let the owner remove a co-organizer, a co-organizer leave, and nobody remove the owner', () => {
      expect(canRemoveOrganizer(organizer('u_owner'), event, 'u_amal')).toBe(true);
      expect(canRemoveOrganizer(organizer('u_amal'), event, 'u_amal')).toBe(true);
      expect(canRemoveOrganizer(organizer('u_amal'), event, 'u_karim')).toBe(false);
      expect(canRemoveOrganizer(organizer('u_amal'), event, 'u_owner')).toBe(false);
      expect(canRemoveOrganizer(organizer('u_owner'), event, 'u_owner')).toBe(false);
      expect(canRemoveOrganizer(organizer('u_owner'), event, 'u_other')).toBe(false);
      expect(canRemoveOrganizer({ role: 'moderator', eventId: 'e1', inviteId: 'i1' }, event, 'u_amal')).toBe(false);
    });

    it('leave deleting the event to its owner', () => {
      expect(canDeleteEvent(organizer('u_owner'), event)).toBe(true);
      expect(canDeleteEvent(organizer('u_amal'), event)).toBe(false);
    });
  });
});
