import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ServerEvent, type ClientToServerEvents, type ServerToClientEvents } from '@jisr/protocol/events';
import { newBallot, openPoll } from '@jisr/store/contract/fixtures';
import { openSqliteStore } from '@jisr/store/sqlite/sqlite-store';
import type { Store } from '@jisr/store/store';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { createTallyBroadcaster } from '../src/polls/tally-broadcaster.js';
import type { PollSignals } from '../src/polls/poll-signals.js';
import { rooms } from '../src/realtime/rooms.js';
import type { JisrServer } from '../src/realtime/types.js';
import { seedTestEvent } from './harness.js';

/**
 * One node of several, whose peers' dirty marks never arrive (as a pub/sub message published
 * while its subscriber follows a new Redis master is lost). The node's resync must still bring
 * its room screen to the stored count, even when a phones-only push already read that count:
 * the screen's copy and the phones' copy are not the same push (the Redis failover test met a
 * screen that stayed one vote short for good).
 */
const lostPeers: PollSignals = {
  publish() {},
  subscribe() {
    return () => {};
  },
};

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

describe('tally resync after a lost dirty mark', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-resync-'));
  const httpServer = http.createServer();
  const io = new Server(httpServer) as unknown as JisrServer;
  let store: Store;
  let screen: Client;
  let sessionId = '';

  beforeAll(async () => {
    store = openSqliteStore({ file: path.join(dir, 'jisr.db') });
    sessionId = (await seedTestEvent(store)).sessions.open.id;
    io.on('connection', (socket) => void socket.join([rooms.screens(sessionId)]));
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    screen = connect(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true });
    await new Promise<void>((resolve) => screen.on('connect', resolve));
  });

  afterAll(async () => {
    screen.disconnect();
    await io.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('brings the screen to the stored count though the phones already had it', async () => {
    const poll = await openPoll(store, sessionId);
    // Stage every 50 ms; the phones' turn comes once a minute, so after the first one only flush() pushes to them.
    const tallies = createTallyBroadcaster(io, store, { stageMs: 50, audienceMs: 60_000 }, createLogger('silent'), lostPeers);
    const seen: number[] = [];
    const totalOnScreen = (total: number, withinMs: number): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): boolean => seen.includes(total);
        if (check()) return resolve();
        const timer = setTimeout(() => reject(new Error(`the screen saw ${JSON.stringify(seen)}, not ${total}, within ${withinMs} ms`)), withinMs);
        screen.on(ServerEvent.PollTally, () => {
          if (check()) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    screen.on(ServerEvent.PollTally, (tally) => seen.push(tally.total));
    try {
      // Two votes on this node: marked, pushed to the stage at its next tick.
      await store.castBallot(newBallot(poll, 'voter-1', { optionId: 'opt_oui' }));
      tallies.markDirty(poll.id);
      await totalOnScreen(1, 2000);
      await store.castBallot(newBallot(poll, 'voter-2', { optionId: 'opt_non' }));
      tallies.markDirty(poll.id);
      await totalOnScreen(2, 2000);
      // A vote on another node whose mark is lost; then the phones' turn reads the store (3).
      await store.castBallot(newBallot(poll, 'voter-3', { optionId: 'opt_non' }));
      await tallies.flush();
      expect(seen.at(-1)).toBe(2);
      // The resync (every 5 s) finds the screen's 2 short of the stored 3.
      await totalOnScreen(3, 8000);
      expect(seen.at(-1)).toBe(3);
    } finally {
      tallies.stop();
    }
  }, 15_000);
});
