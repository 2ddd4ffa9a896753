import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServerEvent, type ClientToServerEvents, type ServerToClientEvents } from '@jisr/protocol/events';
import type { Tally } from '@jisr/protocol/poll';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audienceSliceOf, createAudiencePush } from '../src/polls/audience-push.js';
import { rooms } from '../src/realtime/rooms.js';
import type { JisrServer } from '../src/realtime/types.js';

/**
 * The audience's tally push over a real Socket.IO server and real clients: sockets join the
 * rooms session:join gives them (phones a slice too, screens and speakers not), and every
 * phone must get each tally once, a slice per turn, never an older tally after a newer one.
 */

const SESSION = 'session-1';
const SLICES = 4;
const PHONES = 24;

type Role = 'phone' | 'screen' | 'speaker' | 'unsliced';
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const tally = (total: number): Tally => ({ pollId: 'poll-1', sessionId: SESSION, total, counts: { yes: total } });

describe('audience tally push', () => {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { connectionStateRecovery: { maxDisconnectionDuration: 60_000 } }) as unknown as JisrServer;
  const clients: { role: Role; socket: Client; received: number[] }[] = [];
  /** Server socket id -> the turn (a counter moved by a setImmediate loop) of each tally written to it. */
  const writtenInTurn = new Map<string, number[]>();
  let turn = 0;
  let ticking = true;
  const tick = (): void => {
    turn += 1;
    if (ticking) setImmediate(tick);
  };

  beforeAll(async () => {
    io.on('connection', (socket) => {
      const role = (socket.handshake.auth as { role: Role }).role;
      socket.onAnyOutgoing((event) => {
        if (event === ServerEvent.PollTally) writtenInTurn.set(socket.id, [...(writtenInTurn.get(socket.id) ?? []), turn]);
      });
      const joined = [rooms.audience(SESSION)];
      if (role === 'phone') joined.push(rooms.audienceSlice(SESSION, audienceSliceOf(socket.id, SLICES)));
      if (role === 'screen') joined.push(rooms.screens(SESSION));
      if (role === 'speaker') joined.push(rooms.stage(SESSION));
      // 'unsliced': in the audience room only, as a connection recovered from a node that did not slice.
      void socket.join(joined);
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    const roles: Role[] = [...Array<Role>(PHONES).fill('phone'), 'screen', 'screen', 'speaker', 'unsliced'];
    await Promise.all(
      roles.map(
        (role) =>
          new Promise<void>((resolve, reject) => {
            const socket: Client = connect(url, { transports: ['websocket'], auth: { role }, forceNew: true });
            const entry = { role, socket, received: [] as number[] };
            socket.on(ServerEvent.PollTally, (message) => entry.received.push(message.total));
            socket.once('connect', () => resolve());
            socket.once('connect_error', reject);
            clients.push(entry);
          }),
      ),
    );
    // Every socket in its rooms before the first push.
    while ((io.of('/').adapter.rooms.get(rooms.audience(SESSION))?.size ?? 0) < roles.length) await new Promise((resolve) => setTimeout(resolve, 10));
  });

  afterAll(async () => {
    ticking = false;
    for (const { socket } of clients) socket.disconnect();
    await new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
  });

  it('reaches every phone once, a slice per turn, and no screen or speaker', async () => {
    // No time budget: one slice per turn, whatever the machine's speed.
    const push = createAudiencePush(io, SLICES, 0);
    setImmediate(tick);
    push.send(SESSION, tally(1));
    await push.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    ticking = false;

    for (const { role, received } of clients) {
      if (role === 'phone' || role === 'unsliced') expect(received, role).toEqual([1]);
      else expect(received, role).toEqual([]);
    }
    // Each non-empty slice went out in a turn of its own.
    const sliceOfTurn = new Map<number, Set<number>>();
    for (const { role, socket } of clients) {
      if (role !== 'phone') continue;
      const id = socket.id ?? '';
      const [at] = writtenInTurn.get(id) ?? [];
      expect(at, 'a turn for every phone').toBeDefined();
      const slices = sliceOfTurn.get(at ?? -1) ?? new Set<number>();
      slices.add(audienceSliceOf(id, SLICES));
      sliceOfTurn.set(at ?? -1, slices);
    }
    for (const slices of sliceOfTurn.values()) expect(slices.size).toBe(1);
    const used = new Set(clients.filter((client) => client.role === 'phone').map((client) => audienceSliceOf(client.socket.id ?? '', SLICES)));
    expect(sliceOfTurn.size).toBe(used.size);
    expect(used.size).toBeGreaterThan(1);
    push.stop();
  });

  it('never lets an older tally overtake a newer one, and always sends the last', async () => {
    for (const client of clients) client.received.length = 0;
    const push = createAudiencePush(io, SLICES, 0);
    // 1 goes to the first slice; 2 to 5 come before the next turn: 5 takes its place, goes on
    // to the other slices and comes round again to the first one.
    for (let total = 1; total <= 5; total += 1) push.send(SESSION, tally(total));
    await push.idle();
    push.send(SESSION, tally(6));
    await push.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));

    const audience = clients.filter(({ role }) => role === 'phone' || role === 'unsliced');
    for (const { role, received } of clients.filter((client) => !audience.includes(client))) expect(received, role).toEqual([]);
    for (const { role, received } of audience) expect([[1, 5, 6], [5, 6]], role).toContainEqual(received);
    const first = audience.filter(({ received }) => received[0] === 1).length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(audience.length);
    push.stop();
  });

  it('sends a small hall its tally in one turn', async () => {
    for (const client of clients) client.received.length = 0;
    writtenInTurn.clear();
    ticking = true;
    setImmediate(tick);
    const push = createAudiencePush(io, SLICES, 1000);
    push.send(SESSION, tally(7));
    await push.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    ticking = false;
    const turns = new Set([...writtenInTurn.values()].flat());
    expect(turns.size).toBe(1);
    for (const { role, received } of clients) expect(received, role).toEqual(role === 'screen' || role === 'speaker' ? [] : [7]);
    push.stop();
  });
});
