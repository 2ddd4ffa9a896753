import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './app-process.js';

/** Debian's apertium-apy with the pairs .ci/run installs (apertium-eng-spa, apertium-fr-es). */
const MODES_DIR = '/usr/share/apertium/modes';

export interface ApertiumProcess {
  /** Base address of its HTTP API (TRANSLATE_URL). */
  url: string;
  /** SIGKILLs it (an engine that dies mid-session) and waits until it is gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port, ready when /listPairs answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function waitForPairs(url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await fetch(`${url}/listPairs`).then(
      (response) => response.ok,
      () => false,
    );
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`apertium-apy at ${url} not answering after ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A real `apertium-apy -p PORT /usr/share/apertium/modes` on a free port (ready in about
 * 3 s). Missing apertium-apy fails the test: .ci/run installs it.
 */
export async function startApertium(): Promise<ApertiumProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';

  const launch = async (): Promise<void> => {
    // Its own process group: APy forks a pipeline per pair, and a kill must take them all.
    const started = spawn('apertium-apy', ['-p', String(port), MODES_DIR], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    started.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    started.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    const spawnFailed = new Promise<never>((_resolve, reject) => started.once('error', reject));
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    child = started;
    await Promise.race([waitForPairs(url, 30_000, () => output), spawnFailed]);
  };
  const kill = async (): Promise<void> => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const pid = child.pid;
      if (pid !== undefined) process.kill(-pid, 'SIGKILL');
      await exited;
    }
  };

  await launch();
  return { url, kill, restart: launch, stop: kill };
}
