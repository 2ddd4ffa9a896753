import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/app-process.js';
// The first organizer of every benchmark server is the one tests/support logs in as.
import { ADMIN } from '../../support/staff.js';

/** The repo root, found from here upwards (this file also runs compiled, from tests/load/dist). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('no pnpm-workspace.yaml above the load harness');
    dir = parent;
  }
  return dir;
}

/**
 * The built server; BENCH_SERVER_ENTRY runs another build of it (e.g. one compiled with
 * `tsc --outDir dist-other` beside dist), to compare two builds back to back without
 * rebuilding the dist that other runs use.
 */
const serverEntry = process.env['BENCH_SERVER_ENTRY'] ? path.resolve(process.env['BENCH_SERVER_ENTRY']) : path.join(repoRoot(), 'apps/server/dist/main.js');

/** Nodes of one cluster must sign tokens alike; a fixed secret also keeps runs comparable. */
const BENCH_SECRET = 'load-harness-secret-'.padEnd(48, 'x');

/** Settings of the environment that must not leak into a benchmark server. */
const SCRUBBED = ['REDIS_URL', 'REDIS_SENTINELS', 'REDIS_SENTINEL_NAME', 'REDIS_REPLICA_WAIT_MS', 'REDIS_PREFIX', 'PORT', 'HOST', 'DATA_DIR', 'SECRET', 'PUBLIC_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'];

export interface JisrNode {
  url: string;
  pid: number;
  output(): string;
  /** SIGTERM, wait for exit (a CPU profile is written then), remove the data dir. */
  stop(): Promise<void>;
}

export interface JisrNodeOptions {
  /** Set to run on the Redis store and adapter: one Redis's URL, or the sentinels of a master. */
  redis?: { url: string; prefix: string } | { sentinels: string; name: string; prefix: string };
  /** More settings, e.g. REDIS_REPLICA_WAIT_MS. */
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  profileDir?: string;
}

/**
 * Starts the built server (apps/server/dist/main.js) as its own process, on a free port
 * with a fresh DATA_DIR and the demo event, and waits for /readyz. Like startApp in
 * tests/support, plus what a benchmark needs: the pid (for /proc), a CPU profile, Redis.
 */
export async function startJisrNode(options: JisrNodeOptions = {}): Promise<JisrNode> {
  if (!fs.existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: build the server first (pnpm --filter @jisr/server build)`);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-bench-'));
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    PUBLIC_URL: url,
    LOG_LEVEL: 'warn',
    DEMO: 'true',
    SECRET: BENCH_SECRET,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    ...(options.redis ? { REDIS_PREFIX: options.redis.prefix } : {}),
    ...(options.redis && 'url' in options.redis ? { REDIS_URL: options.redis.url } : {}),
    ...(options.redis && 'sentinels' in options.redis ? { REDIS_SENTINELS: options.redis.sentinels, REDIS_SENTINEL_NAME: options.redis.name } : {}),
    ...options.env,
  });
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, serverEntry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (chunk: Buffer) => {
    // Enough to explain a failure; a chatty server must not grow the harness without bound.
    if (output.length < 64_000) output += chunk.toString();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('the server process did not start');

  /** The gist of what the server printed: from its first error line, or its last lines. */
  const gist = () => {
    const lines = output.trim().split('\n');
    const first = lines.findIndex((line) => /error|failed|refused/i.test(line));
    return (first >= 0 ? lines.slice(first, first + 4) : lines.slice(-3)).join(' | ').slice(0, 600);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${child.exitCode}: ${gist()}`);
    }
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server not ready after 30 s: ${gist()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
