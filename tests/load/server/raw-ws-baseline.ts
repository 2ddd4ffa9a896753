import WebSocket, * as wsModule from 'ws';

/**
 * The physical-limit baseline: a minimal websocket server with no protocol, no store, no
 * rooms. Any message from a client makes it broadcast one frame of `BASELINE_FRAME_BYTES`
 * bytes to every connected client, the way Socket.IO broadcasts at best: the frame is
 * built once (WebSocket.Sender.frame) and written as is to each socket, as
 * socket.io-adapter does with `wsPreEncodedFrame`. Run as its own process (forked by
 * the bench) so that its CPU is measured apart, on one thread like a Jisr node.
 *
 * The trigger is `{"op":n,"due":t}`; the broadcast carries it back, padded, so sampled
 * clients can time it from the scheduled send.
 */

interface FrameSender {
  sendFrame(list: Buffer[], callback?: (error?: Error) => void): void;
}
interface FramingSender {
  frame(data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Buffer[];
}

const frameBytes = Number(process.env['BASELINE_FRAME_BYTES'] ?? '200');
// @types/ws leaves out `Sender` (its static `frame`) and the socket's `_sender`: both are what
// socket.io-adapter and engine.io use for pre-encoded broadcasts (ws issue 617).
const Sender = (wsModule as unknown as { Sender: FramingSender }).Sender;

const server = new wsModule.WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });

function broadcast(trigger: string): void {
  const head = trigger.slice(0, -1);
  const padLength = Math.max(0, frameBytes - head.length - ',"pad":""}'.length);
  const text = `${head},"pad":"${'x'.repeat(padLength)}"}`;
  const frame = Sender.frame(Buffer.from(text), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
  for (const client of server.clients) {
    if (client.readyState !== WebSocket.OPEN) continue;
    (client as unknown as { _sender: FrameSender })._sender.sendFrame(frame);
  }
}

server.on('connection', (socket) => {
  socket.on('message', (data: Buffer) => broadcast(data.toString('utf8')));
});
server.on('listening', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
