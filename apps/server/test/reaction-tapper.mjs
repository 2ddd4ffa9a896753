// A hall of phones tapping reactions, in a worker thread of its own: the storm test offers
// 2,000 taps a second, which the test's own thread (also running the server) can't both
// send and serve. Real socket.io clients over real websockets; plain JS because a worker
// thread loads files as Node does, without the test runner's TypeScript transform.
import { parentPort, workerData } from 'node:worker_threads';
import { io } from 'socket.io-client';

const { phones, sessionId, tapsPerSecond, durationMs, screens } = workerData;
const KINDS = ['clap', 'heart', 'laugh', 'think', 'up'];

// A watching worker: room screens that join the session and note when each burst arrives,
// away from the thread that runs the server (whose stalls would bunch their reads).
if (screens) {
  const seen = await Promise.all(
    screens.map(
      ({ url, token }) =>
        new Promise((resolve, reject) => {
          const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
          const bursts = [];
          socket.on('reaction:burst', (burst) => bursts.push({ at: performance.now(), burst }));
          socket.once('connect_error', reject);
          socket.once('connect', () => socket.emit('session:join', { sessionId }, (ack) => (ack.ok ? resolve({ socket, bursts }) : reject(new Error(ack.error.code)))));
        }),
    ),
  );
  parentPort.postMessage({ type: 'ready' });
  // Told how many taps were taken: waits until every screen heard them all, or 10 s.
  const expected = await new Promise((resolve) => parentPort.once('message', resolve));
  const heard = ({ bursts }) => bursts.reduce((sum, { burst }) => sum + Object.values(burst.counts).reduce((a, n) => a + n, 0), 0);
  const until = performance.now() + 10_000;
  while (performance.now() < until && seen.some((screen) => heard(screen) < expected)) await new Promise((resolve) => setTimeout(resolve, 50));
  // A little longer: a burst too many would show now.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  for (const { socket } of seen) socket.disconnect();
  parentPort.postMessage({ type: 'done', screens: seen.map(({ bursts }) => bursts) });
  process.exit(0);
}

const sockets = await Promise.all(
  phones.map(
    ({ url, token }) =>
      new Promise((resolve, reject) => {
        const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      }),
  ),
);
parentPort.postMessage({ type: 'ready' });
await new Promise((resolve) => parentPort.once('message', resolve));

const acks = [];
let sent = 0;
const total = Math.round((tapsPerSecond * durationMs) / 1000);
const started = performance.now();
// On a schedule: each turn sends the taps due by now (a late turn catches up).
while (sent < total) {
  const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * tapsPerSecond));
  for (; sent < due; sent++) {
    const socket = sockets[sent % sockets.length];
    acks.push(new Promise((resolve) => socket.emit('reaction:send', { sessionId, kind: KINDS[sent % KINDS.length] }, resolve)));
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
const seconds = (performance.now() - started) / 1000;
const replies = await Promise.all(acks);
const refused = {};
for (const reply of replies) if (!reply.ok) refused[reply.error.code] = (refused[reply.error.code] ?? 0) + 1;
for (const socket of sockets) socket.disconnect();
parentPort.postMessage({ type: 'done', sent, taken: replies.filter((reply) => reply.ok).length, refused, seconds });
