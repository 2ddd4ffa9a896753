import { randomUUID } from 'node:crypto';
import { ClientEvent } from '@jisr/protocol/events';
import { clock } from '../measure/clock.js';
import { encodeHistogram, newHistogram, recordMs } from '../measure/latency.js';
import type { WireClient } from '../wire/wire-client.js';
import { runOpenLoop } from './open-loop.js';
import { awaitAcks, countError } from './worker-ops.js';
import type { BallotBurstResult, WorkerCommand } from './worker-protocol.js';

/**
 * A ballot burst: every attendee of this worker votes once, each at its own uniformly random
 * moment within `spreadMs` of `startAt` (a hall answering the moment a poll appears). The
 * moments are drawn up front and sent open-loop, so a busy server never delays them, and
 * each ack's latency runs from its vote's due time.
 */
export async function ballotBurst(attendees: readonly WireClient[], command: Extract<WorkerCommand, { kind: 'ballot-burst' }>): Promise<BallotBurstResult> {
  const due = attendees.map(() => command.startAt + Math.random() * command.spreadMs).sort((a, b) => a - b);
  const histogram = newHistogram();
  const errors: Record<string, number> = {};
  let ok = 0;
  let outstanding = 0;
  let lastAckAt = 0;
  const maxSendLagMs = await runOpenLoop(due.length, (local) => due[local] ?? 0, (local, dueAt) => {
    const client = attendees[local];
    if (!client) return;
    outstanding += 1;
    const optionId = command.optionIds[local % command.optionIds.length] ?? '';
    client.emit(ClientEvent.PollVote, { pollId: command.pollId, ballot: { optionId }, clientId: randomUUID() }, (ack, at) => {
      outstanding -= 1;
      lastAckAt = Math.max(lastAckAt, at);
      if (ack.ok) {
        ok += 1;
        recordMs(histogram, at - dueAt);
      } else {
        countError(errors, ack.error.code);
      }
    });
  });
  await awaitAcks(() => outstanding, attendees, clock.now() + command.ackGraceMs);
  return {
    sent: due.length,
    ok,
    errors,
    ackHistogram: encodeHistogram(histogram),
    maxSendLagMs,
    lastAckAt,
    lastDueAt: due[due.length - 1] ?? command.startAt,
  };
}
