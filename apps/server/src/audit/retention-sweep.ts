import type { EventRecord, Store } from '@jisr/store/store';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * An event ends at midnight after its end date in its own zone; the latest zone is UTC+14,
 * so counting from the end date's midnight UTC plus 14 hours of the next day never purges
 * early, whatever the zone.
 */
const LATEST_END_MS = DAY_MS + 14 * 60 * 60 * 1000;
/** The sweep's period: retention is counted in days, an hour late is no matter. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** When the event's attendee data may go, for a retention of `days`. */
export function purgeDueAt(event: Pick<EventRecord, 'endDate'>, days: number): number {
  return Date.parse(`${event.endDate}T00:00:00.000Z`) + LATEST_END_MS + days * DAY_MS;
}

/**
 * Purges the attendee data of every event past its retention. Idempotent (the store's purge
 * is), so every node may run it: two nodes at once delete the same things.
 * @returns the ids of the events purged this time.
 */
export async function sweepRetention(store: Store, clock: Clock): Promise<string[]> {
  const now = clock.now();
  const purged: string[] = [];
  for (const event of await store.listEvents()) {
    const { retentionDays } = await store.getRetention(event.id);
    if (retentionDays === null || purgeDueAt(event, retentionDays) > now.getTime()) continue;
    await store.purgeAttendeeData(event.id, now.toISOString());
    purged.push(event.id);
  }
  return purged;
}

export interface RetentionSweep {
  stop(): void;
}

/** Runs the sweep once now and then every hour on this node, until stopped. */
export function startRetentionSweep(store: Store, clock: Clock, logger: Logger): RetentionSweep {
  const run = () => {
    sweepRetention(store, clock)
      .then((purged) => {
        if (purged.length > 0) logger.info({ events: purged }, 'attendee data purged (retention)');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'retention sweep failed'));
  };
  run();
  const timer = setInterval(run, SWEEP_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
