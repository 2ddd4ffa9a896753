import { ServerEvent } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import { rooms } from '../realtime/rooms.js';
import type { JisrServer } from '../realtime/types.js';

/**
 * The audience's tally push, one slice of the hall per turn of the event loop.
 *
 * Written as one broadcast, a tally to 10,000 phones is one synchronous turn of 100 ms and
 * more (a write to each socket), and every ballot arriving meanwhile waits behind it. So the
 * phones of a session are split into AUDIENCE_SLICES rooms when they join (by their socket
 * id: the slices fill evenly), and a tally goes out a slice at a time, `setImmediate` between
 * turns: each slice is one broadcast, so it is encoded once and framed once, and what arrived
 * meanwhile (ballots, acks) runs between two turns.
 *
 * Slices are rooms, not lists of socket ids, on purpose: with connection-state recovery every
 * broadcast is kept for two minutes with the rooms it went to, and a list of ids per slice
 * would keep every phone's id once per tally (about 200 kB a tally at 10,000 phones); a slice
 * room keeps one name.
 *
 * Order: a newer tally never overtakes an older one on its way to a socket. Each poll has one
 * send under way, going round its slices; a newer tally that comes meanwhile takes the place of
 * the one being sent, from the next slice on, and the round goes on until every slice has had
 * it (those done before it came get it when the round comes back to them). So a slice only
 * ever gets a poll's tallies in the order they were read, phones get the latest count within
 * one round of it (not every count), and the last tally always goes out. Room screens and the
 * speakers (the stage) get every tally at the stage's pace already, so they are left out here:
 * an older audience tally reaching them after a newer stage one would step their count back.
 *
 * Slices go out while a turn has taken less than `budgetMs`: a small hall gets its tally in one
 * turn as before; a large one a slice (about 300 phones at 10,000) per turn.
 *
 * Only this node's sockets (`io.local`): with several nodes, each pushes to its own.
 */

/** 10,000 phones on a node: about 300 written per turn. */
export const AUDIENCE_SLICES = 32;

/** The slice a socket joins (and keeps: it is restored with its rooms on a recovered connection). */
export function audienceSliceOf(socketId: string, slices = AUDIENCE_SLICES): number {
  // FNV-1a: socket ids are random, any even hash will do.
  let hash = 0x811c9dc5;
  for (let index = 0; index < socketId.length; index += 1) {
    hash ^= socketId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % slices;
}

export interface AudiencePush {
  /** Sends a tally of a session's poll to its audience (not its screens, not its speakers), a slice per turn. */
  send(sessionId: string, tally: Tally): void;
  /** Resolves once every tally given so far has reached its last slice. */
  idle(): Promise<void>;
  /** Sends nothing more. */
  stop(): void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How long one turn may go on writing slices: well under the 50 ms a turn may take. */
export const AUDIENCE_TURN_BUDGET_MS = 8;

/** A poll's send under way: the newest tally, and the slices still to get it. */
interface Round {
  sessionId: string;
  tally: Tally;
  /** Slice indexes still to send `tally` to; index `slices` is the audience sockets in no slice. */
  due: Set<number>;
  /** The slice the round goes on from. */
  cursor: number;
  done: Promise<void>;
}

export function createAudiencePush(io: JisrServer, slices = AUDIENCE_SLICES, budgetMs = AUDIENCE_TURN_BUDGET_MS): AudiencePush {
  const rounds = new Map<string, Round>();
  const everySlice = (): Set<number> => new Set(Array.from({ length: slices + 1 }, (_, slice) => slice));
  let stopped = false;

  /**
   * Sockets of the audience room in no slice and neither a screen nor a speaker: a connection
   * recovered with the rooms it had on a node that did not slice (a rolling upgrade). Counted
   * from room sizes; usually none.
   */
  function unsliced(sessionId: string): boolean {
    const all = io.of('/').adapter.rooms;
    const audience = all.get(rooms.audience(sessionId));
    if (!audience) return false;
    let sliced = 0;
    for (let slice = 0; slice < slices; slice += 1) sliced += all.get(rooms.audienceSlice(sessionId, slice))?.size ?? 0;
    const left = new Set<string>();
    for (const room of [rooms.screens(sessionId), rooms.stage(sessionId)]) {
      for (const id of all.get(room) ?? []) if (audience.has(id)) left.add(id);
    }
    return audience.size > sliced + left.size;
  }

  /** Sends the round's tally to one slice; false when the slice is empty (it cost nothing). */
  function sendSlice(round: Round, slice: number): boolean {
    const { sessionId, tally } = round;
    const leftOut = [rooms.screens(sessionId), rooms.stage(sessionId)];
    if (slice === slices) {
      if (!unsliced(sessionId)) return false;
      const sliceRooms = Array.from({ length: slices }, (_, index) => rooms.audienceSlice(sessionId, index));
      io.local.to(rooms.audience(sessionId)).except([...leftOut, ...sliceRooms]).emit(ServerEvent.PollTally, tally);
      return true;
    }
    const room = rooms.audienceSlice(sessionId, slice);
    if (!io.of('/').adapter.rooms.has(room)) return false;
    io.local.to(room).except(leftOut).emit(ServerEvent.PollTally, tally);
    return true;
  }

  async function run(round: Round): Promise<void> {
    while (round.due.size > 0 && !stopped) {
      const started = performance.now();
      let wrote = false;
      // At least one slice that wrote per turn, more while the turn is short.
      while (round.due.size > 0 && !(wrote && performance.now() - started >= budgetMs)) {
        const slice = round.cursor;
        round.cursor = (round.cursor + 1) % (slices + 1);
        if (!round.due.delete(slice)) continue;
        if (sendSlice(round, slice)) wrote = true;
      }
      if (round.due.size > 0) await nextTurn();
    }
  }

  return {
    send(sessionId, tally) {
      if (stopped) return;
      const under = rounds.get(tally.pollId);
      if (under) {
        // The newer tally goes on from the next slice, and round to the slices already done.
        under.tally = tally;
        under.due = everySlice();
        return;
      }
      const round: Round = { sessionId, tally, due: everySlice(), cursor: 0, done: Promise.resolve() };
      rounds.set(tally.pollId, round);
      round.done = run(round).finally(() => rounds.delete(tally.pollId));
    },
    async idle() {
      while (rounds.size > 0) await Promise.all([...rounds.values()].map((round) => round.done));
    },
    stop() {
      stopped = true;
    },
  };
}
