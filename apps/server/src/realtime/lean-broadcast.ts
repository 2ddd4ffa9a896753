/**
 * A broadcast's last mile without Engine.IO's per-socket bookkeeping (issue 23, target 4).
 *
 * socket-io-adapter already encodes a broadcast once and frames it once for websockets
 * (`wsPreEncodedFrame`); what it then does per socket is hand that frame to Engine.IO,
 * which makes a packet object, emits `packetCreate`, `flush` and `drain` (on the socket and
 * on the server), queues a send callback, and asks `ws` to call back once the frame is
 * written, to flip its transport back to writable. Jisr listens to none of it, and a raw
 * `ws` server writing the same frame does none of it: at 5,000 phones that bookkeeping was
 * most of what a delivery cost beyond the raw-ws baseline (CPU profile, `pnpm bench fanout
 * --profile`).
 *
 * Here a broadcast whose frame is pre-encoded is written straight to the socket's `ws`
 * sender, the way Engine.IO itself writes a pre-encoded frame, whenever doing so cannot
 * reorder anything: the socket is open on a websocket, Engine.IO has nothing queued for it
 * and is not waiting on an earlier write (then its own path runs as before). The bytes on
 * the wire are the same. Broadcasts that expect acks, and every socket in any other state
 * (long-polling, upgrading, closing, backpressure), take Engine.IO's path; so do adapters
 * whose broadcast does not go through `apply` (nothing else changes).
 */

interface FrameSender {
  sendFrame(list: readonly Buffer[], callback?: (error?: Error) => void): void;
}

interface EngineSocket {
  readyState: string;
  writeBuffer: readonly unknown[];
  transport: {
    name: string;
    writable: boolean;
    opts?: { perMessageDeflate?: unknown };
    socket?: { readyState?: number; _sender?: FrameSender };
  };
}

interface BroadcastTarget {
  conn: EngineSocket;
  notifyOutgoingListeners?: (packet: unknown) => void;
}

interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
}

/** The parts of socket-io-adapter's in-memory Adapter (and its subclasses) this wraps. */
interface AdapterInternals {
  rooms: Map<string, Set<string>>;
  nsp: { sockets: Map<string, unknown> };
  _encode(packet: { id?: number }, packetOptions: { wsPreEncodedFrame?: readonly Buffer[] }): unknown;
  apply(options: BroadcastOptions, callback: (socket: unknown) => void): void;
  computeExceptSids(except?: Set<string>): Set<string>;
}

const WS_OPEN = 1;

/** The `ws` sender to write a frame to right now, or undefined when Engine.IO must handle this socket. */
function directSender(socket: BroadcastTarget): FrameSender | undefined {
  const conn = socket.conn;
  const transport = conn.transport;
  if (conn.readyState !== 'open' || !transport.writable || conn.writeBuffer.length > 0) return undefined;
  if (transport.name !== 'websocket' || transport.opts?.perMessageDeflate) return undefined;
  const ws = transport.socket;
  if (ws?.readyState !== WS_OPEN || typeof ws._sender?.sendFrame !== 'function') return undefined;
  return ws._sender;
}

/**
 * Makes `adapter` (socket-io-adapter's Adapter, SessionAwareAdapter or a cluster adapter built
 * on them) write pre-encoded broadcasts straight to ready websockets. Returns false when the
 * adapter is not one it knows (nothing is changed then).
 */
export function leanBroadcasts(adapter: object): boolean {
  const target = adapter as Partial<AdapterInternals>;
  const encode = target._encode;
  const apply = target.apply;
  if (typeof encode !== 'function' || typeof apply !== 'function' || typeof target.computeExceptSids !== 'function') return false;
  const internals = target as AdapterInternals;
  // Set by _encode for a broadcast without acks (Adapter.broadcast calls apply right after it).
  let pending: { packet: unknown; frame: readonly Buffer[] } | null = null;

  internals._encode = function encodeOnce(packet, packetOptions) {
    const encoded = encode.call(this, packet, packetOptions);
    // broadcastWithAck numbers its packet before encoding: those keep Engine.IO's path (acks are per socket).
    pending = packet.id === undefined && packetOptions.wsPreEncodedFrame ? { packet, frame: packetOptions.wsPreEncodedFrame } : null;
    return encoded;
  };

  internals.apply = function applyLean(options, callback) {
    const broadcast = pending;
    pending = null;
    if (!broadcast) {
      apply.call(this, options, callback);
      return;
    }
    const { packet, frame } = broadcast;
    const deliver = (socket: unknown): void => {
      const to = socket as BroadcastTarget;
      const sender = directSender(to);
      if (!sender) {
        callback(socket);
        return;
      }
      to.notifyOutgoingListeners?.(packet);
      sender.sendFrame(frame);
    };
    const sockets = this.nsp.sockets;
    const except = this.computeExceptSids(options.except);
    if (options.rooms.size === 0) {
      // To everyone in the namespace, as Adapter.apply does.
      for (const [id, socket] of sockets) if (!except.has(id)) deliver(socket);
      return;
    }
    // One room (a session's audience, most of the traffic): no set of ids to deduplicate with.
    if (options.rooms.size === 1) {
      const [room] = options.rooms;
      for (const id of this.rooms.get(room as string) ?? []) {
        if (except.has(id)) continue;
        const socket = sockets.get(id);
        if (socket) deliver(socket);
      }
      return;
    }
    const done = new Set<string>();
    for (const room of options.rooms) {
      for (const id of this.rooms.get(room) ?? []) {
        if (done.has(id) || except.has(id)) continue;
        const socket = sockets.get(id);
        if (socket) {
          deliver(socket);
          done.add(id);
        }
      }
    }
  };
  return true;
}
