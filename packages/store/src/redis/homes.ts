import type { RedisClient } from './connection.js';
import type { Keys } from './keys.js';

/**
 * How many homes a store remembers. An entry is an id and an event id (~100 bytes): 100,000
 * cover every question and poll of a large event in about 10 MB.
 */
const REMEMBERED = 100_000;

/**
 * Where an id lives: the event of a session, participant, question, poll or invite, which
 * names the slot of its keys. The Store interface addresses these by id alone, so each has
 * an entry in the directory's `homes` hash, written before the record itself (the id is new
 * and unknown to anyone until the create call returns, so nobody can look for it sooner).
 *
 * An id never moves to another event, so a home, once read, is remembered: castBallot and
 * voteQuestion then cost one script call. A remembered home of a deleted record is harmless:
 * the script finds no record and answers NOTFOUND, as it would anyway.
 */
export class Homes {
  readonly #remembered = new Map<string, string>();

  constructor(
    private readonly client: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** The event the id lives in, or null for an unknown id. */
  async eventOf(id: string): Promise<string | null> {
    const remembered = this.#remembered.get(id);
    if (remembered !== undefined) return remembered;
    const eventId = await this.client.hGet(this.keys.inDirectory('homes'), id);
    if (eventId !== null) this.remember(id, eventId);
    return eventId;
  }

  /** Records that `id` lives in `eventId`. */
  async place(id: string, eventId: string): Promise<void> {
    await this.client.hSet(this.keys.inDirectory('homes'), id, eventId);
    this.remember(id, eventId);
  }

  /** Removes the home of a record that was deleted or never made. */
  async forget(id: string): Promise<void> {
    this.#remembered.delete(id);
    await this.client.hDel(this.keys.inDirectory('homes'), id);
  }

  /** Forgets a home this node remembers, once the directory dropped it by other means (an event deleted). */
  forgetLocally(id: string): void {
    this.#remembered.delete(id);
  }

  /** Remembers a home written by other means (a script, a transaction). */
  remember(id: string, eventId: string): void {
    // A Map iterates in insertion order: the first key is the oldest entry.
    if (this.#remembered.size >= REMEMBERED) {
      const oldest = this.#remembered.keys().next();
      if (!oldest.done) this.#remembered.delete(oldest.value);
    }
    this.#remembered.set(id, eventId);
  }
}
