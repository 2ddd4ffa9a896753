import type { Contribution } from '@jisr/core/poll-ballots';
import { StoreNotFound, type CastResult, type NewBallot } from '../store.js';
import { BallotTotals, castInTransaction, checkedContributions } from './polls.js';
import type { Sql } from './sql.js';

interface Pending {
  input: NewBallot;
  contributions: Contribution[];
  resolve: (result: CastResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Ballots cast in the same turn of the event loop share one transaction (group commit).
 * A commit is most of a ballot's cost (its pages written to the WAL); in a vote storm,
 * hundreds of ballots arrive between two turns and one commit serves them all, and what
 * they add to a poll's counts is written once (BallotTotals). Nothing
 * is answered before its commit: a ballot is acked only once it is on disk, as before.
 *
 * Each ballot keeps its own outcome: a refusal (unknown poll) is thrown before it writes
 * anything and fails that ballot alone; any other error rolls the whole batch back and
 * fails every ballot in it (their senders' outboxes send them again).
 */
export class BallotBatch {
  #queue: Pending[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly sql: Sql) {}

  cast(input: NewBallot): Promise<CastResult> {
    // A malformed contribution is the caller's bug: it fails at once, outside any batch.
    const contributions = checkedContributions(input.contributions);
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, contributions, resolve, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Casts what is queued now (the store calls it before closing). */
  flush(): void {
    if (this.#scheduled) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const batch = this.#queue;
    this.#queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ result: CastResult } | { refused: unknown })[] = [];
    try {
      this.sql.transaction(() => {
        const totals = new BallotTotals(this.sql);
        totals.read(batch.map(({ input }) => input));
        for (const { input, contributions } of batch) {
          try {
            outcomes.push({ result: castInTransaction(this.sql, totals, input, contributions) });
          } catch (error) {
            if (!(error instanceof StoreNotFound)) throw error;
            outcomes.push({ refused: error });
          }
        }
        totals.write();
      });
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome && 'result' in outcome) pending.resolve(outcome.result);
      else pending.reject(outcome?.refused);
    });
  }
}
