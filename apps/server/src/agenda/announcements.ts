import { announcementContent } from '@jisr/core/announcements';
import { can } from '@jisr/core/permissions';
import type { AnnounceInput, Announcement } from '@jisr/protocol/agenda';
import type { SocketData } from '@jisr/protocol/events';
import type { EventRecord } from '@jisr/store/store';
import type { z } from 'zod';
import { actorFor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { translateAnnouncement } from '../translate/announcement-bridge.js';

/**
 * How many announcements an event keeps: the current one and a few before it, enough for a
 * page opened late and for the organizer's list, never a growing log.
 */
export const ANNOUNCEMENTS_KEPT = 5;

const MINUTE_MS = 60_000;

/** The event, if these claims may announce in it: organizers and event-wide moderators. */
export async function authorizeAnnouncer(ctx: AppContext, data: SocketData, eventId: string): Promise<EventRecord> {
  const event = await ctx.store.getEvent(eventId);
  if (!event) throw new AppError('not_found', 'No such event.', 'eventId');
  const actor = actorFor(data, event);
  if (!actor || !can(actor, 'announce', { eventId: event.id })) throw new AppError('forbidden', 'You may not make announcements in this event.');
  return event;
}

export async function announce(
  ctx: AppContext,
  event: EventRecord,
  input: Pick<z.output<typeof AnnounceInput>, 'text' | 'texts' | 'expiresInMinutes'>,
): Promise<Announcement> {
  const now = ctx.clock.now();
  const announcement = await ctx.store.addAnnouncement(
    {
      eventId: event.id,
      ...announcementContent(event, input),
      at: now.toISOString(),
      expiresAt: new Date(now.getTime() + input.expiresInMinutes * MINUTE_MS).toISOString(),
    },
    ANNOUNCEMENTS_KEPT,
  );
  ctx.events.publish({ type: 'announcement.made', announcement });
  // After the ack's value is taken: the machine's texts follow as the same announcement again.
  void translateAnnouncement(ctx, event, announcement).catch((error: unknown) => ctx.logger.warn({ err: error }, 'machine translation of an announcement failed'));
  return announcement;
}

/** The event's announcements still shown at `now`, newest first. */
export async function currentAnnouncements(ctx: AppContext, eventId: string): Promise<Announcement[]> {
  const now = ctx.clock.now().getTime();
  const kept = await ctx.store.listAnnouncements(eventId);
  return kept.filter((announcement) => announcement.expiresAt === undefined || Date.parse(announcement.expiresAt) > now);
}
