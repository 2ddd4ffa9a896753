import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@jisr/store/redis/own-redis';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverEntry = path.join(repoRoot, 'apps/server/dist/main.js');

export interface AppProcess {
  url: string;
  dataDir: string;
  output: () => string;
  /** Sends a signal (e.g. SIGKILL for a crash) and waits until the process is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** One way to pick a port for every test's own servers (why it avoids the ephemeral range: there). */
export { freePort };

/**
 * Starts the built server (`pnpm start` minus the build) as its own process, on a free
 * port with a fresh data dir, and waits until /readyz says it can serve.
 */
export async function startApp(env: Record<string, string> = {}): Promise<AppProcess> {
  if (!fs.existsSync(serverEntry)) throw new Error(`${serverEntry} is missing: build the server first`);
  // A fixed PORT keeps the origin across restarts (service worker and storage tests).
  if (env['PORT']) return startAppOn(Number(env['PORT']), env);
  // Another test's server may bind the port picked between the probe and this one's bind: pick again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startAppOn(await freePort(), env);
    } catch (error) {
      if (attempt === 3 || !(error instanceof Error && error.message.includes('EADDRINUSE'))) throw error;
    }
  }
}

async function startAppOn(port: number, env: Record<string, string>): Promise<AppProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', serverEntry], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PUBLIC_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  // A bound for a loaded machine, not a target: at load average 17 a node took 20-26 s to be ready.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    dataDir,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
