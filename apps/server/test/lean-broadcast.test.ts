import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanBroadcasts } from '../src/realtime/lean-broadcast.js';

/**
 * Broadcasts written straight to ready websockets (realtime/lean-broadcast.ts), over a real
 * Socket.IO server with connection state recovery and real clients on websocket and on
 * long-polling: every client gets each broadcast once, in the order the server sent it,
 * interleaved with per-socket emits; rooms and `except` choose as Socket.IO does; acks
 * still work; a client that drops misses nothing (recovery keeps the broadcast).
 */

type Client = Socket;
interface Entry {
  name: string;
  socket: Client;
  received: string[];
}

const ROOM_A = 'room-a';
const ROOM_B = 'room-b';

const waitFor = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('lean broadcasts', () => {
  const httpServer = http.createServer();
  const io = new Server(httpServer, { connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: true } });
  const wrapped = leanBroadcasts(io.of('/').adapter);
  const entries: Entry[] = [];
  const serverSockets = new Map<string, ServerSocket>();
  let url = '';

  const open = (name: string, transports: ('websocket' | 'polling')[], rooms: string[]): Promise<Entry> =>
    new Promise<Entry>((resolve, reject) => {
      const socket: Client = connect(url, { transports, auth: { name, rooms }, forceNew: true });
      const entry: Entry = { name, socket, received: [] };
      socket.on('m', (text: string) => entry.received.push(text));
      socket.once('connect', () => resolve(entry));
      socket.once('connect_error', reject);
      entries.push(entry);
    });

  beforeAll(async () => {
    io.on('connection', (socket) => {
      const auth = socket.handshake.auth as { name: string; rooms: string[] };
      serverSockets.set(auth.name, socket);
      if (!socket.recovered) void socket.join(auth.rooms);
      socket.on('ask', (text: string, ack: (answer: string) => void) => ack(`got ${text}`));
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
    await Promise.all([
      open('ws-a', ['websocket'], [ROOM_A]),
      open('ws-a2', ['websocket'], [ROOM_A]),
      open('ws-ab', ['websocket'], [ROOM_A, ROOM_B]),
      open('ws-b', ['websocket'], [ROOM_B]),
      open('poll-a', ['polling'], [ROOM_A]),
      open('upgraded-a', ['polling', 'websocket'], [ROOM_A]),
    ]);
    await waitFor(() => serverSockets.size === 6 && (io.of('/').adapter.rooms.get(ROOM_A)?.size ?? 0) === 5, 'every socket in its rooms');
    const upgraded = entries.find((entry) => entry.name === 'upgraded-a');
    await waitFor(() => upgraded?.socket.io.engine.transport.name === 'websocket', 'the upgrade to websocket');
  });

  afterAll(async () => {
    for (const { socket } of entries) socket.disconnect();
    await new Promise<void>((resolve) => {
      void io.close(() => resolve());
    });
  });

  const received = (name: string): string[] => entries.find((entry) => entry.name === name)?.received ?? [];
  const clear = (): void => {
    for (const entry of entries) entry.received.length = 0;
  };

  it('wraps the in-memory session-aware adapter', () => {
    expect(wrapped).toBe(true);
    expect(leanBroadcasts({})).toBe(false);
  });

  it('gives each member of the rooms each broadcast once, in order with per-socket emits, and nobody else', async () => {
    clear();
    const direct = serverSockets.get('ws-a');
    // Engine.IO makes a packet for every message it writes itself: the ready websockets' broadcasts must skip it.
    let enginePackets = 0;
    serverSockets.get('ws-a2')?.conn.on('packetCreate', (packet: { type: string }) => {
      if (packet.type === 'message') enginePackets += 1;
    });
    for (let index = 0; index < 200; index += 1) {
      io.to(ROOM_A).emit('m', `a${index}`);
      // A per-socket emit between broadcasts goes through Engine.IO: it must not overtake or fall behind.
      if (index % 7 === 0) direct?.emit('m', `direct${index}`);
    }
    io.to([ROOM_A, ROOM_B]).emit('m', 'both');
    io.to(ROOM_A).except(ROOM_B).emit('m', 'a-not-b');
    io.emit('m', 'everyone');
    const expectedA = Array.from({ length: 200 }, (_, index) => `a${index}`);
    await waitFor(() => entries.every((entry) => entry.received.at(-1) === 'everyone'), 'the last broadcast everywhere');
    expect(received('ws-a')).toEqual(
      [...expectedA.flatMap((text, index) => (index % 7 === 0 ? [text, `direct${index}`] : [text])), 'both', 'a-not-b', 'everyone'],
    );
    for (const name of ['ws-a2', 'poll-a', 'upgraded-a']) expect(received(name)).toEqual([...expectedA, 'both', 'a-not-b', 'everyone']);
    expect(received('ws-ab')).toEqual([...expectedA, 'both', 'everyone']);
    expect(received('ws-b')).toEqual(['both', 'everyone']);
    expect(enginePackets).toBeLessThan(20);
  });

  it('keeps acks and broadcasts that wait for acks working', async () => {
    const client = entries.find((entry) => entry.name === 'ws-a')?.socket;
    await expect(client?.emitWithAck('ask', 'x')).resolves.toBe('got x');
    for (const entry of entries) entry.socket.once('ping-all', (ack: (name: string) => void) => ack(entry.name));
    const answers = (await io.to(ROOM_B).timeout(2000).emitWithAck('ping-all')) as string[];
    expect(answers.sort()).toEqual(['ws-ab', 'ws-b']);
  });

  it('lets a client that dropped get the broadcasts it missed on reconnect', async () => {
    clear();
    const entry = entries.find((candidate) => candidate.name === 'ws-a2');
    if (!entry) throw new Error('no ws-a2');
    io.to(ROOM_A).emit('m', 'before');
    await waitFor(() => entry.received.includes('before'), 'the first broadcast');
    // Closing the transport (not a disconnect()) lets the client reconnect and recover.
    entry.socket.io.engine.close();
    await waitFor(() => !entry.socket.connected, 'the drop');
    io.to(ROOM_A).emit('m', 'missed');
    await waitFor(() => entry.socket.connected, 'the reconnection');
    expect(entry.socket.recovered).toBe(true);
    io.to(ROOM_A).emit('m', 'after');
    await waitFor(() => entry.received.includes('after'), 'the broadcast after the reconnection');
    expect(entry.received).toEqual(['before', 'missed', 'after']);
  });
});
