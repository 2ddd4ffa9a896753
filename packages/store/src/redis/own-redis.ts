import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import net from 'node:net';

/**
 * Test support (used by tests, never by the store): a redis-server of a test's own, for what
 * the shared Redis must not undergo (stopping, hanging, crashing, replication). The store's own
 * tests import it from here, the server's as `@jisr/store/redis/own-redis`, as they import the
 * contract suite: one copy, built with the store though nothing the store runs imports it.
 */

/** Where a test's own servers listen: below the kernel's ephemeral ports (see `freePort`). */
const TEST_PORTS = { from: 20_000, to: 32_767 };

/** The kernel's range for ephemeral ports (outgoing connections, `listen(0)`), or Linux's default. */
function ephemeralPorts(): { from: number; to: number } {
  try {
    const [from, to] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (from !== undefined && to !== undefined && Number.isInteger(from) && Number.isInteger(to)) return { from, to };
  } catch {
    // not Linux: assume its default
  }
  return { from: 32_768, to: 60_999 };
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A TCP port nothing listens on, for a server a test is about to start (a Jisr node,
 * redis-server, nginx, Apertium), chosen at random below the kernel's ephemeral range.
 *
 * A port taken with `listen(0)` comes from the ephemeral range. Between the probe and the
 * server's own bind, the kernel may hand it to another `listen(0)` or an outgoing
 * connection, and CI runs the browser tests beside tests that start servers and open many
 * sockets (the load harness peaks near 1,500). A node that lost its port fails its file's
 * beforeAll. Neither kind of request takes a port below that range.
 */
export async function freePort(): Promise<number> {
  const ephemeral = ephemeralPorts();
  const to = Math.min(TEST_PORTS.to, ephemeral.from - 1);
  for (let attempt = 0; attempt < 100 && to > TEST_PORTS.from; attempt += 1) {
    const port = TEST_PORTS.from + Math.floor(Math.random() * (to - TEST_PORTS.from + 1));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${TEST_PORTS.from} and ${to}`);
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
