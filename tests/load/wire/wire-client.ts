import WebSocket from 'ws';
import type { Ack } from '@jisr/protocol/errors';
import type { ClientEventName, ClientEventPayload, ClientEventResults } from '@jisr/protocol/events';
import { clock } from '../measure/clock.js';
import type { FrameCounters } from './frame-counters.js';

/**
 * A thin Socket.IO client speaking the wire format itself, so that one process can hold
 * thousands of attendees: Engine.IO v4 over the websocket transport only, Socket.IO v5
 * packets in the default namespace. socket.io-client costs a few hundred kB and a parse
 * of every frame per socket; this costs a counter bump for frames nobody looks at.
 *
 *   server -> `0{sid,pingInterval,…}` (Engine.IO open)  client -> `40{"token":…}` (auth)
 *   server -> `40{"sid":…}` connected, or `44{"message":…}` refused
 *   server -> `2` ping                                   client -> `3` pong
 *   client -> `42<id>["event",payload]`                   server -> `43<id>[ack]`
 *   server -> `42["event",payload(,recovery offset)]`
 */

const ENGINE_OPEN = 0x30; // '0'
const ENGINE_CLOSE = 0x31; // '1'
const ENGINE_PING = 0x32; // '2'
const ENGINE_MESSAGE = 0x34; // '4'
const SIO_CONNECT = 0x30; // '0'
const SIO_EVENT = 0x32; // '2'
const SIO_ACK = 0x33; // '3'
const SIO_CONNECT_ERROR = 0x34; // '4'
const OPEN_BRACKET = 0x5b; // '['
const QUOTE = 0x22; // '"'

/** A server event a decoding client saw: its name, first argument and arrival time (ms). */
export type EventListener = (name: string, payload: unknown, at: number) => void;
export type AckListener<T> = (ack: Ack<T> | { ok: false; error: { code: 'timeout' | 'disconnected'; message: string } }, at: number) => void;

export interface WireClientOptions {
  /** http://host:port of the server. */
  url: string;
  token: string;
  /** Source address (127.0.0.x) so that many sockets don't exhaust one address's ephemeral ports. */
  localAddress?: string;
  counters: FrameCounters;
  /** Only sampled clients decode server events; the rest count them. */
  onEvent?: EventListener;
}

export class WireClient {
  private ws: WebSocket | null = null;
  private nextAckId = 0;
  private readonly pending = new Map<number, AckListener<unknown>>();
  private closed = false;

  constructor(private readonly options: WireClientOptions) {}

  /** Opens the socket and authenticates; rejects with the server's reason when refused. */
  connect(timeoutMs = 30_000): Promise<void> {
    const { url, token, localAddress, counters } = this.options;
    const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { perMessageDeflate: false, ...(localAddress ? { localAddress } : {}) });
      this.ws = ws;
      let settled = false;
      const settle = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      const timer = setTimeout(() => {
        settle(new Error(`no Socket.IO connect within ${timeoutMs} ms`));
        ws.terminate();
      }, timeoutMs);
      ws.on('error', (error) => settle(error));
      ws.on('close', () => {
        if (!this.closed) counters.disconnects += 1;
        this.closed = true;
        settle(new Error('closed before connect'));
        this.failPending('disconnected');
      });
      ws.on('message', (data: Buffer) => {
        counters.frames += 1;
        counters.bytes += data.length;
        const engineType = data[0];
        if (engineType === ENGINE_PING) {
          ws.send('3');
        } else if (engineType === ENGINE_MESSAGE) {
          this.onPacket(data, settle);
        } else if (engineType === ENGINE_OPEN) {
          ws.send(`40${JSON.stringify({ token })}`);
        } else if (engineType === ENGINE_CLOSE) {
          ws.close();
        }
      });
    });
  }

  private onPacket(data: Buffer, settle: (error?: Error) => void): void {
    const packetType = data[1];
    if (packetType === SIO_EVENT) {
      const name = eventName(data);
      this.options.counters.count(name, data.length);
      const onEvent = this.options.onEvent;
      if (onEvent) {
        const at = clock.now();
        const args = JSON.parse(data.toString('utf8', 2)) as unknown[];
        onEvent(name, args[1], at);
      }
    } else if (packetType === SIO_ACK) {
      const at = clock.now();
      let index = 2;
      let id = 0;
      while (index < data.length && data[index] !== OPEN_BRACKET) {
        id = id * 10 + ((data[index] ?? 0x30) - 0x30);
        index += 1;
      }
      const listener = this.pending.get(id);
      if (!listener) return;
      this.pending.delete(id);
      const args = JSON.parse(data.toString('utf8', index)) as unknown[];
      listener(args[0] as Ack<unknown>, at);
    } else if (packetType === SIO_CONNECT) {
      settle();
    } else if (packetType === SIO_CONNECT_ERROR) {
      const body = JSON.parse(data.toString('utf8', 2)) as { message?: string };
      settle(new Error(`refused: ${body.message ?? 'no reason'}`));
    }
  }

  /** Sends a client event with an ack id; `onAck` gets the ack and its arrival time. */
  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>, onAck: AckListener<ClientEventResults[E]>): void {
    const ws = this.ws;
    if (!ws || this.closed || ws.readyState !== WebSocket.OPEN) {
      onAck({ ok: false, error: { code: 'disconnected', message: 'socket not open' } }, clock.now());
      return;
    }
    const id = this.nextAckId;
    this.nextAckId += 1;
    this.pending.set(id, onAck as AckListener<unknown>);
    ws.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  /** The same as a promise, for setup steps where a closure per call is no concern. */
  request<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): Promise<ClientEventResults[E]> {
    return new Promise((resolve, reject) => {
      this.emit(event, payload, (ack) => {
        if (ack.ok) resolve(ack.data);
        else reject(new Error(`${event}: ${ack.error.code}: ${ack.error.message}`));
      });
    });
  }

  /** Acks still awaited: after a deadline they count as timeouts. */
  get pendingAcks(): number {
    return this.pending.size;
  }

  failPending(code: 'timeout' | 'disconnected'): void {
    const at = clock.now();
    for (const listener of this.pending.values()) listener({ ok: false, error: { code, message: code } }, at);
    this.pending.clear();
  }

  close(): void {
    this.closed = true;
    this.ws?.terminate();
  }
}

/** The event name of a `42["name",…]` frame without parsing the rest. */
function eventName(data: Buffer): string {
  const start = data.indexOf(QUOTE, 2) + 1;
  const end = data.indexOf(QUOTE, start);
  return start > 0 && end > start ? data.toString('latin1', start, end) : '?';
}
