import type { Result } from '$lib/api/client-error.js';
import type { Ballot } from '@jisr/protocol/poll';
import {
  enqueue,
  isDefinitive,
  itemTarget,
  parseItems,
  serializeItems,
  type ExtraItemParser,
  type OutboxFailure,
  type OutboxItem,
} from './outbox.js';

/** Where the outbox survives a reload: localStorage, or nothing (tests, staff views). */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The answers one flush got, by item id. */
export type Answers = Record<string, Result<unknown>>;

/** Sends one item and resolves with the server's answer, or `timeout` / `network`. */
export type SendItem = (item: OutboxItem) => Promise<Result<unknown>>;

/** The first retry after an unanswered send; it doubles up to the cap while sends time out. */
const FIRST_RETRY_MS = 2_000;
/** A phone on a bad link still tries twice a minute; a reconnect sends at once anyway. */
const MAX_RETRY_MS = 30_000;

/**
 * The asks, upvotes and ballots of one session that the server has not answered yet, in
 * the order they were made. Kept in memory and in storage (so a reload or a closed tab does
 * not lose them), sent one after the other, and taken out only on the server's answer: an
 * ok, or a refusal that is then shown to the attendee. A timeout keeps the item for a retry.
 */
export class Outbox {
  items = $state.raw<readonly OutboxItem[]>([]);
  /** Refused sends, until the attendee dismisses them or acts again on the same thing. */
  failures = $state.raw<readonly OutboxFailure[]>([]);
  /** The item on the wire right now, if any. */
  sendingId = $state<string | null>(null);

  readonly #key: string | null;
  readonly #storage: OutboxStorage | null;
  #running: Promise<Answers> | null = null;
  #again = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #retryMs = FIRST_RETRY_MS;
  #stopped = false;

  /** `extra` reads stored items of kinds the session pages never keep (see ExtraItemParser). */
  constructor(key: string | null = null, storage: OutboxStorage | null = null, extra?: ExtraItemParser) {
    this.#key = key;
    this.#storage = storage;
    if (key && storage) this.items = parseItems(readStorage(storage, key), extra);
  }

  /** Keeps an item (replacing an older vote or ballot on the same thing) and forgets its old failure. */
  add(item: OutboxItem): void {
    const target = itemTarget(item);
    this.failures = this.failures.filter((failure) => itemTarget(failure.item) !== target);
    this.#setItems(enqueue(this.items, item));
  }

  dismiss(id: string): void {
    this.failures = this.failures.filter((failure) => failure.item.id !== id);
  }

  /** The asks not answered yet, oldest first. */
  get asks(): Extract<OutboxItem, { kind: 'ask' }>[] {
    return this.items.filter((item): item is Extract<OutboxItem, { kind: 'ask' }> => item.kind === 'ask');
  }

  /** The vote on a question that is waiting to be sent, if any. */
  voteFor(questionId: string): boolean | undefined {
    const item = this.items.find((entry) => entry.kind === 'vote' && entry.input.questionId === questionId);
    return item?.kind === 'vote' ? item.input.vote : undefined;
  }

  /** The ballot in a poll that is waiting to be sent, if any. */
  ballotFor(pollId: string): Ballot | undefined {
    const item = this.items.find((entry) => entry.kind === 'ballot' && entry.input.pollId === pollId);
    return item?.kind === 'ballot' ? item.input.ballot : undefined;
  }

  /** The feedback on a session that is waiting to be sent, if any. */
  feedbackFor(sessionId: string): Extract<OutboxItem, { kind: 'feedback' }>['input'] | undefined {
    const item = this.items.find((entry) => entry.kind === 'feedback' && entry.input.sessionId === sessionId);
    return item?.kind === 'feedback' ? item.input : undefined;
  }

  /** The last refusal of a session's feedback. */
  feedbackFailure(sessionId: string): OutboxFailure | undefined {
    return this.failures.find((failure) => itemTarget(failure.item) === `feedback:${sessionId}`);
  }

  /** The last refusal of a question's vote or a poll's ballot. */
  failureFor(kind: 'vote' | 'ballot', id: string): OutboxFailure | undefined {
    const target = kind === 'vote' ? `vote:${id}` : `ballot:${id}`;
    return this.failures.find((failure) => itemTarget(failure.item) === target);
  }

  /**
   * Sends what is waiting, one item at a time and in order; resolves with the answers this
   * round got, by item id. A call during a round joins it (the round picks up new items).
   * An unanswered send ends the round: after a timeout a retry is scheduled; with no
   * network the next reconnect calls this again.
   */
  flush(send: SendItem): Promise<Answers> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#clearRetry();
    const running = (async () => {
      const answers: Answers = {};
      try {
        do {
          this.#again = false;
          await this.#round(send, answers);
        } while (this.#again && !this.#stopped);
      } finally {
        this.sendingId = null;
        this.#running = null;
      }
      return answers;
    })();
    this.#running = running;
    return running;
  }

  /** Stops retrying (the page is going away); what is stored stays for the next visit. */
  stop(): void {
    this.#stopped = true;
    this.#clearRetry();
  }

  async #round(send: SendItem, answers: Answers): Promise<void> {
    const tried: string[] = [];
    for (;;) {
      if (this.#stopped) return;
      const item = this.items.find((entry) => !tried.includes(entry.id));
      if (!item) return;
      tried.push(item.id);
      this.sendingId = item.id;
      const result = await send(item);
      this.sendingId = null;
      answers[item.id] = result;
      if (!isDefinitive(result)) {
        if (!result.ok && result.error.code === 'timeout') this.#scheduleRetry(send);
        return;
      }
      this.#retryMs = FIRST_RETRY_MS;
      this.#settle(item, result);
    }
  }

  #settle(item: OutboxItem, result: Result<unknown>): void {
    // Replaced meanwhile (a newer vote or ballot on the same thing): that one speaks now.
    const current = this.items.some((entry) => entry.id === item.id);
    this.#setItems(this.items.filter((entry) => entry.id !== item.id));
    if (!result.ok && current) this.failures = [...this.failures, { item, error: result.error }];
    // The same question taken later (sent again once the limit allowed): its refusal is history.
    if (result.ok && item.kind === 'ask') {
      this.failures = this.failures.filter((failure) => failure.item.kind !== 'ask' || failure.item.input.text !== item.input.text);
    }
  }

  #scheduleRetry(send: SendItem): void {
    if (this.#stopped || this.#retryTimer) return;
    const delay = this.#retryMs;
    this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.flush(send);
    }, delay);
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setItems(items: readonly OutboxItem[]): void {
    this.items = items;
    if (!this.#key || !this.#storage) return;
    writeStorage(this.#storage, this.#key, items);
  }
}

function readStorage(storage: OutboxStorage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch (error) {
    // Storage can be switched off (some private modes): the outbox then lives in memory only.
    console.warn('outbox: storage unreadable', error);
    return null;
  }
}

function writeStorage(storage: OutboxStorage, key: string, items: readonly OutboxItem[]): void {
  try {
    if (items.length === 0) storage.removeItem(key);
    else storage.setItem(key, serializeItems(items));
  } catch (error) {
    // Full or switched-off storage: the items stay in memory and are still sent.
    console.warn('outbox: storage not writable', error);
  }
}
