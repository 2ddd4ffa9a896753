import { randomUUID } from 'node:crypto';
import type { Ack } from '@jisr/protocol/errors';
import type {
  ClientEventName,
  ClientEventPayload,
  ClientEventResults,
  ClientToServerEvents,
  ServerToClientEvents,
} from '@jisr/protocol/events';
import type { JoinResponse } from '@jisr/protocol/http';
import type { Ballot, Tally } from '@jisr/protocol/poll';
import { io, type Socket } from 'socket.io-client';
import { demoAgenda } from './staff.js';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type ServerEventArg<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Joins the demo event as an attendee over HTTP; returns the attendee token. */
export async function joinDemo(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'DEMO', name }),
  });
  if (response.status !== 201) throw new Error(`join on ${url} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as JoinResponse).token;
}

/** The demo's live session with open, unmoderated Q&A: what one attendee asks, all see at once. */
export async function liveOpenSessionId(url: string): Promise<string> {
  const agenda = await demoAgenda(url);
  const session = agenda.sessions.find((item) => item.status === 'live' && item.qa.open && !item.qa.moderated);
  if (!session) throw new Error('the demo has no live session with open, unmoderated Q&A');
  return session.id;
}

/** How a phone reaches the server: straight over websocket (the default), or like a phone behind a proxy that blocks websockets. */
export interface PhoneTransport {
  /** `['polling']`: long-polling only, every packet its own HTTP request (needs sticky sessions). */
  transports?: ('polling' | 'websocket')[];
  /** Sent with every request, e.g. the `cookie` a load balancer set. */
  headers?: Record<string, string>;
}

/**
 * A typed socket connected to one node, straight over websocket (no load balancer in
 * between, so no sticky sessions needed) unless told otherwise, with no reconnection of its own.
 */
export function connectSocket(url: string, token: string, transport: PhoneTransport = {}): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    auth: { token },
    transports: transport.transports ?? ['websocket'],
    ...(transport.headers ? { extraHeaders: transport.headers } : {}),
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Sends a typed event and resolves with its ack (rejects after `timeoutMs` or on disconnect). */
export function request<E extends ClientEventName>(
  socket: ClientSocket,
  event: E,
  payload: ClientEventPayload<E>,
  timeoutMs = 5000,
): Promise<Ack<ClientEventResults[E]>> {
  const untyped = socket as unknown as { timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> } };
  return untyped.timeout(timeoutMs).emitWithAck(event, payload) as Promise<Ack<ClientEventResults[E]>>;
}

/** The data of an ok ack, or a thrown error naming what came back. */
export function okData<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new Error(`expected ok, got ${ack.error.code}: ${ack.error.message}`);
  return ack.data;
}

/** Resolves with the next matching server message; attach before triggering it. */
export function waitForEvent<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  match: (message: ServerEventArg<E>) => boolean = () => true,
  timeoutMs = 5000,
): Promise<ServerEventArg<E>> {
  const on = socket.on.bind(socket) as unknown as (name: string, fn: (message: ServerEventArg<E>) => void) => void;
  const off = socket.off.bind(socket) as unknown as (name: string, fn: (message: ServerEventArg<E>) => void) => void;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (message: ServerEventArg<E>): void => {
      if (!match(message)) return;
      clearTimeout(timer);
      off(event, listener);
      resolve(message);
    };
    on(event, listener);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An attendee's phone behind a load balancer: it is given every node's URL and, when its
 * node goes away, moves to the next one (as the balancer would send it), joins its session
 * again for a fresh snapshot, and resends what was not acknowledged with the same clientId
 * (the web client's outbox, DESIGN.md section 7).
 */
export class RoamingAttendee {
  /** Every tally received, with when it arrived. */
  readonly tallies: { at: number; tally: Tally }[] = [];
  /** How many times it had to move to another node. */
  moves = 0;
  /** How many votes it sent more than once (no ack: lost connection, timeout, `unavailable`). */
  resends = 0;
  #socket: ClientSocket | undefined;
  #connecting: Promise<ClientSocket> | undefined;
  #closed = false;

  /** Every connect_error or disconnect it met, with its reason (a misrouted poll shows here). */
  readonly troubles: string[] = [];
  /**
   * Every `internal` answer to a vote. The phone resends after one as after `unavailable`
   * (the outbox does), but an `internal` is a server fault, not the switch a failover
   * promises: tests assert there were none.
   */
  readonly internals: string[] = [];

  constructor(
    readonly urls: readonly string[],
    readonly token: string,
    readonly sessionId: string,
    private node: number,
    readonly transport: PhoneTransport = {},
  ) {}

  /** The node it talks to now. */
  get nodeIndex(): number {
    return this.node;
  }

  /** Connected and joined to its session (waits while it moves). */
  ready(): Promise<ClientSocket> {
    if (this.#socket?.connected) return Promise.resolve(this.#socket);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<ClientSocket> {
    for (let attempt = 0; ; attempt++) {
      if (this.#closed) throw new Error('closed');
      const url = this.urls[this.node] ?? '';
      try {
        const socket = await connectSocket(url, this.token, this.transport);
        socket.on('poll:tally', (tally) => this.tallies.push({ at: Date.now(), tally }));
        okData(await request(socket, 'session:join', { sessionId: this.sessionId }));
        socket.on('disconnect', (reason) => {
          if (reason === 'io client disconnect' || this.#closed) return;
          this.troubles.push(`disconnect: ${reason}`);
          this.#moveOn();
        });
        this.#socket = socket;
        return socket;
      } catch (error) {
        this.troubles.push(`connect: ${String(error)}`);
        if (attempt > 20) throw new Error(`no node would take this attendee: ${String(error)}`);
        this.node = (this.node + 1) % this.urls.length;
        await sleep(50);
      }
    }
  }

  #moveOn(): void {
    this.#socket = undefined;
    this.moves++;
    this.node = (this.node + 1) % this.urls.length;
    void this.ready().catch(() => {
      // Reported by the next vote, which awaits ready() itself.
    });
  }

  /**
   * Votes until the vote is acknowledged, resending with the same clientId after a lost
   * connection, a timeout or an `unavailable` answer (and after `internal`, recorded in
   * `internals`). Resolves with the ack's ballot.
   */
  async vote(pollId: string, ballot: Ballot, deadlineMs = 20_000): Promise<Ballot> {
    const clientId = randomUUID();
    const deadline = Date.now() + deadlineMs;
    let last = 'not sent yet';
    for (let attempt = 0; Date.now() < deadline; attempt++) {
      if (attempt === 1) this.resends++;
      try {
        const socket = await this.ready();
        const ack = await request(socket, 'poll:vote', { pollId, ballot, clientId }, 3000);
        if (ack.ok) return ack.data.ballot;
        if (ack.error.code !== 'unavailable' && ack.error.code !== 'internal') {
          throw new Error(`vote refused: ${ack.error.code}: ${ack.error.message}`);
        }
        last = `${ack.error.code}: ${ack.error.message}`;
        if (ack.error.code === 'internal') this.internals.push(`${new Date().toISOString()} ${last}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('vote refused')) throw error;
        last = String(error);
      }
      await sleep(100);
    }
    throw new Error(`vote never acknowledged: ${last}`);
  }

  /** The socket it has now, if connected. */
  get socket(): ClientSocket | undefined {
    return this.#socket;
  }

  close(): void {
    this.#closed = true;
    this.#socket?.disconnect();
  }
}
