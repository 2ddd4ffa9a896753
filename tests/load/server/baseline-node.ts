import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'raw-ws-baseline.js');

export interface BaselineNode {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the raw-ws baseline server as its own process, broadcasting frames of `frameBytes`. */
export function startBaselineNode(frameBytes: number): Promise<BaselineNode> {
  const child = fork(entry, [], {
    env: { ...process.env, BASELINE_FRAME_BYTES: String(Math.round(frameBytes)) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pid = child.pid;
  return new Promise((resolve, reject) => {
    if (pid === undefined) return reject(new Error('the baseline server did not start'));
    child.once('exit', (code) => reject(new Error(`the baseline server exited with ${code}`)));
    child.once('message', (message: { port: number }) => {
      resolve({
        url: `ws://127.0.0.1:${message.port}`,
        pid,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
