import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { freePort } from './app-process.js';
import { waitForPong } from './redis-server.js';

/** The master's name the sentinels watch (REDIS_SENTINEL_NAME). */
export const SENTINEL_NAME = 'jisr';
/**
 * How long a master may be silent before a sentinel calls it down. Production uses the
 * defaults of infra/sentinel (5 s); a test wants the failover in its own time budget.
 */
const DOWN_AFTER_MS = 1000;

interface RedisChild {
  readonly port: number;
  readonly role: string;
  /** SIGKILL (a crash): resolves once the process is gone. */
  kill(): Promise<void>;
  output(): string;
}

/**
 * A Redis Sentinel deployment on this machine, each process on a free port of its own:
 * one master, `replicas` replicas, three sentinels (quorum 2). Debian's `redis-server` and
 * `redis-sentinel` (installed by .ci/run); no daemon, every process a child of the test.
 */
export interface SentinelTopology {
  /** `host:port,...` of the three sentinels: REDIS_SENTINELS. */
  sentinels: string;
  name: string;
  /** The port of the master it started with (it may not be the master any more). */
  firstMasterPort: number;
  /** Redis data nodes by port. */
  ports: number[];
  /** Asks a sentinel which node is the master now. */
  masterPort(): Promise<number>;
  /** kill -9 of the data node on `port`. */
  killNode(port: number): Promise<void>;
  /** Resolves once the sentinels name a master other than `port` and it accepts writes; the time it took. */
  waitForNewMaster(oldPort: number, timeoutMs: number): Promise<number>;
  /** What every process wrote, for a failing test's message. */
  output(): string;
  /** Kills every process and removes their dirs (safe to call twice, and after a failed start). */
  stop(): Promise<void>;
}

function spawnRedis(command: string, args: string[], port: number, role: string): RedisChild {
  let text = '';
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    role,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    output: () => text,
  };
}

/** Debian ships the sentinel as its own command (a link to redis-server's binary); elsewhere `redis-server --sentinel`. */
function sentinelCommand(config: string): [string, string[]] {
  const found = spawnSync('sh', ['-c', 'command -v redis-sentinel'], { encoding: 'utf8' });
  return found.status === 0 ? ['redis-sentinel', [config]] : ['redis-server', [config, '--sentinel']];
}

/** One command to a process the test owns, from a client that asks once and gives up (signed in with `password` if given). */
export async function ask(port: number, command: string[], password?: string): Promise<unknown> {
  const client = createClient({ ...(password ? { password } : {}), socket: { host: '127.0.0.1', port, reconnectStrategy: false, connectTimeout: 500 } });
  client.on('error', () => {
    // The caller gets the rejection below; a refused probe is expected while things start or fail over.
  });
  try {
    await client.connect();
    return await client.sendCommand(command);
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** SENTINEL MASTER's reply (a map in RESP3, a flat list of names and values in RESP2) as a record. */
function sentinelFields(reply: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  } else if (reply !== null && typeof reply === 'object') {
    for (const [name, value] of Object.entries(reply)) fields[name] = String(value);
  }
  return fields;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What the topology runs: how many replicas, and the passwords of production's Sentinel setup if any. */
export interface SentinelTopologyOptions {
  replicas: number;
  /** The data nodes' `requirepass` (and the replicas' `masterauth`, the sentinels' `auth-pass`): REDIS_PASSWORD. */
  password?: string;
  /** The sentinels' own `requirepass`: REDIS_SENTINEL_PASSWORD. */
  sentinelPassword?: string;
}

export async function startSentinelTopology(options: SentinelTopologyOptions): Promise<SentinelTopology> {
  const { password, sentinelPassword } = options;
  const dataAuth = password ? ['--requirepass', password, '--masterauth', password] : [];
  const dataUrl = (port: number): string => `redis://${password ? `:${encodeURIComponent(password)}@` : ''}127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-sentinel-'));
  const children: RedisChild[] = [];
  const output = () => children.map((child) => `--- ${child.role} :${child.port}\n${child.output()}`).join('\n');
  const stop = async (): Promise<void> => {
    await Promise.all(children.map((child) => child.kill()));
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const masterPort = await freePort();
    const dataNode = (port: number, extra: string[]): RedisChild => {
      const nodeDir = path.join(dir, `node-${port}`);
      fs.mkdirSync(nodeDir);
      // No delay before a full sync (the default waits 5 s for more replicas to share it).
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--save', '', '--appendonly', 'no', '--daemonize', 'no',
        '--repl-diskless-sync-delay', '0', ...dataAuth, ...extra];
      return spawnRedis('redis-server', args, port, extra.length > 0 ? 'replica' : 'master');
    };
    children.push(dataNode(masterPort, []));
    await waitForPong(dataUrl(masterPort), 10_000, output);
    const replicaPorts: number[] = [];
    for (let i = 0; i < options.replicas; i++) {
      const port = await freePort();
      replicaPorts.push(port);
      children.push(dataNode(port, ['--replicaof', '127.0.0.1', String(masterPort)]));
    }
    // The replicas have the master's data (an empty one: fast) before the sentinels watch.
    for (const port of replicaPorts) {
      await waitForPong(dataUrl(port), 10_000, output);
      const deadline = Date.now() + 10_000;
      while (!String(await ask(port, ['INFO', 'replication'], password)).includes('master_link_status:up')) {
        if (Date.now() > deadline) throw new Error(`replica :${port} never synced:\n${output()}`);
        await sleep(50);
      }
    }

    const sentinelPorts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      sentinelPorts.push(port);
      // A sentinel rewrites its config file (what it learned): one file each, in the temp dir.
      const config = path.join(dir, `sentinel-${port}.conf`);
      fs.writeFileSync(
        config,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          'daemonize no',
          `dir ${dir}`,
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${masterPort} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${SENTINEL_NAME} 10000`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
          // The data nodes' password, and the sentinels' own (each signs in to the others with it).
          ...(password ? [`sentinel auth-pass ${SENTINEL_NAME} ${password}`] : []),
          ...(sentinelPassword ? [`requirepass ${sentinelPassword}`] : []),
          '',
        ].join('\n'),
      );
      const [command, args] = sentinelCommand(config);
      children.push(spawnRedis(command, args, port, 'sentinel'));
    }
    // Every sentinel knows the others and the replicas before the test starts failing things.
    const deadline = Date.now() + 15_000;
    for (const port of sentinelPorts) {
      for (;;) {
        const reply = await ask(port, ['SENTINEL', 'MASTER', SENTINEL_NAME], sentinelPassword).catch(() => undefined);
        const known = sentinelFields(reply);
        if (Number(known['num-other-sentinels']) >= 2 && Number(known['num-slaves']) >= options.replicas) break;
        if (Date.now() > deadline) throw new Error(`sentinel :${port} never saw the whole topology:\n${output()}`);
        await sleep(100);
      }
    }

    const masterNow = async (): Promise<number> => {
      for (const port of sentinelPorts) {
        const address = await ask(port, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_NAME], sentinelPassword).catch(() => null);
        if (Array.isArray(address) && address.length === 2) return Number(address[1]);
      }
      throw new Error(`no sentinel answers:\n${output()}`);
    };
    return {
      sentinels: sentinelPorts.map((port) => `127.0.0.1:${port}`).join(','),
      name: SENTINEL_NAME,
      firstMasterPort: masterPort,
      ports: [masterPort, ...replicaPorts],
      masterPort: masterNow,
      async killNode(port) {
        const child = children.find((candidate) => candidate.port === port && candidate.role !== 'sentinel');
        if (!child) throw new Error(`no data node on :${port}`);
        await child.kill();
      },
      async waitForNewMaster(oldPort, timeoutMs) {
        const started = Date.now();
        for (;;) {
          const port = await masterNow().catch(() => oldPort);
          if (port !== oldPort) {
            const role = await ask(port, ['ROLE'], password).catch(() => undefined);
            if (Array.isArray(role) && role[0] === 'master') return Date.now() - started;
          }
          if (Date.now() - started > timeoutMs) throw new Error(`no new master within ${timeoutMs} ms:\n${output()}`);
          await sleep(50);
        }
      },
      output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
