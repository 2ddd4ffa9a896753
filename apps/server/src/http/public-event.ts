import type { Event } from '@jisr/protocol/event';
import type { EventRecord } from '@jisr/store/store';

/** The event as anyone may see it: without its owner and co-organizers. */
export function publicEvent(record: EventRecord): Event {
  const { ownerId: _ownerId, organizerIds: _organizerIds, ...event } = record;
  return event;
}
