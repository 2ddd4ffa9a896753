import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

/**
 * Test support (used by the Redis store's own tests, not by the store): a redis-server of a
 * test's own, for what the shared Redis must not undergo (stopping, hanging, replication).
 */

/** A TCP port nothing listens on (just freed by the OS). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function canConnect(port: number): Promise<boolean> {
  const socket = net.connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ECONNREFUSED') return false;
    throw error;
  } finally {
    socket.destroy();
  }
}

/** A throwaway redis-server on `port`: nothing kept on disk. */
export class OwnRedis {
  #process: ChildProcess | undefined;

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** `extra`: more redis-server arguments, e.g. `['--replicaof', '127.0.0.1', '6379']`. */
  async start(extra: readonly string[] = []): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra];
    this.#process = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (!(await canConnect(this.port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${this.port} within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Sends a signal to this server's own process (SIGSTOP makes it hang, SIGCONT wakes it). */
  signal(signal: NodeJS.Signals): void {
    this.#process?.kill(signal);
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}

