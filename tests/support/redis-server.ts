import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { freePort } from './app-process.js';

/** The shared Redis of this machine and CI (STACK.md): tests give each run its own prefix on it. */
export const SHARED_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface RedisProcess {
  url: string;
  port: number;
  dir: string;
  /** Sends a signal (SIGKILL: a crash) and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and dir (so it reloads its AOF). */
  restart(): Promise<void>;
  /** Kills it and removes its dir. */
  stop(): Promise<void>;
}

/** Resolves once a PING answers, or fails after `timeoutMs` naming what the server said. */
export async function waitForPong(url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } });
    client.on('error', () => {
      // Refusals while redis-server starts are expected; the loop below retries.
    });
    const pong = await client
      .connect()
      .then(() => client.ping())
      .then(
        (reply) => reply,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    if (client.isOpen) client.destroy();
    if (pong === 'PONG') return;
    if (Date.now() > deadline) throw new Error(`redis-server at ${url} not answering after ${timeoutMs} ms (${pong}):\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A redis-server of the test's own (Debian's, from PATH) on a free port with a temp dir,
 * for what the shared Redis must not undergo: crashes, restarts, AOF settings. With `aof`,
 * every write is fsynced before it is acknowledged (`appendfsync always`), so a SIGKILL
 * loses nothing that was acknowledged.
 */
export async function startRedis(options: { aof: boolean }): Promise<RedisProcess> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--daemonize', 'no',
    ...(options.aof ? ['--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no']),
  ];
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const launch = async (): Promise<void> => {
    const started = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    child = started;
    await waitForPong(url, 10_000, () => output);
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };

  await launch();
  return {
    url,
    port,
    dir,
    kill,
    restart: launch,
    async stop() {
      await kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Deletes every key under `prefix` (a test's leftovers on the shared Redis). */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  client.on('error', (error: Error) => {
    process.stderr.write(`cleaning ${prefix} on ${url}: ${error.message}\n`);
  });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 })) {
      if (keys.length > 0) await client.del(keys);
    }
  } finally {
    client.destroy();
  }
}
