import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';

/**
 * Test support (used by tests, never by the store): a redis-server of a test's own, for what
 * the shared Redis must not undergo (stopping, hanging, crashing, replication). The store's own
 * tests import it from here, the server's as `@jisr/store/redis/own-redis`, as they import the
 * contract suite: one copy, built with the store though nothing the store runs imports it.
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

/**
 * A throwaway redis-server on `port`: nothing kept on disk, unless the arguments given to
 * `start` say otherwise (redis-server takes the last value of an option given twice).
 */
export class OwnRedis {
  #process: ChildProcess | undefined;
  #extra: readonly string[] = [];

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /**
   * `extra`: more redis-server arguments, e.g. `['--replicaof', '127.0.0.1', '6379']`, or
   * `['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']` for one that keeps every
   * acknowledged write through a crash.
   */
  async start(extra: readonly string[] = []): Promise<void> {
    this.#extra = extra;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra];
    this.#process = spawn('redis-server', args, { stdio: 'ignore' });
    const deadline = Date.now() + 5000;
    while (!(await canConnect(this.port))) {
      if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${this.port} within 5 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Starts it again as the last `start` did (with a `--dir` and an AOF, it reloads its data). */
  restart(): Promise<void> {
    return this.start(this.#extra);
  }

  /** Sends a signal to this server's own process (SIGSTOP makes it hang, SIGCONT wakes it). */
  signal(signal: NodeJS.Signals): void {
    this.#process?.kill(signal);
  }

  /** Kills it (SIGKILL, as a crash: nothing saved on the way out) and waits until it is gone. */
  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }
}
