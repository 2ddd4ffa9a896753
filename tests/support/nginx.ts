import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './app-process.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shipped nginx configuration (an http-level file, as conf.d/ takes it). */
export const SHIPPED_NGINX_CONF = path.join(repoRoot, 'infra/nginx/jisr.conf');

/** Debian's nginx (installed by .ci/run), wherever PATH or /usr/sbin has it. */
function nginxBinary(): string {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' });
  const binary = found.stdout.trim().split('\n')[0];
  if (found.status !== 0 || !binary) throw new Error('nginx is not installed (.ci/run installs Debian\'s nginx)');
  return binary;
}

/**
 * The shipped file with only its addresses changed: the upstream's servers become
 * `upstreams` (keeping their max_fails/fail_timeout) and `listen 80` becomes `listen`.
 * Everything else (stickiness, timeouts, headers) is what production runs.
 */
export function renderNginxConf(upstreams: readonly string[], listen: string): string {
  const shipped = fs.readFileSync(SHIPPED_NGINX_CONF, 'utf8');
  // `server host:port options;` lines (the upstream's), one line each; never `server {`.
  const serverLines = /^([ \t]*)server[ \t]+[^\s;{]+:\d+([^;\n]*);[ \t]*\n/gm;
  const first = serverLines.exec(shipped);
  if (!first) throw new Error(`${SHIPPED_NGINX_CONF} has no upstream server lines`);
  const [, indent = '    ', options = ''] = first;
  const rendered = upstreams.map((address) => `${indent}server ${address}${options};\n`).join('');
  let replaced = false;
  const withUpstreams = shipped.replace(serverLines, () => {
    if (replaced) return '';
    replaced = true;
    return rendered;
  });
  if (!/^\s*listen 80;\s*$/m.test(withUpstreams)) throw new Error(`${SHIPPED_NGINX_CONF} no longer has "listen 80;": update renderNginxConf`);
  return withUpstreams.replace(/^(\s*)listen 80;\s*$/m, `$1listen ${listen};`);
}

/** A main configuration around the http-level file, with every path nginx writes inside `dir`. */
function mainConf(dir: string, httpConf: string): string {
  const temp = (name: string) => path.join(dir, name);
  return [
    `pid ${temp('nginx.pid')};`,
    'error_log stderr warn;',
    'worker_processes 1;',
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  client_body_temp_path ${temp('client_body')};`,
    `  proxy_temp_path ${temp('proxy')};`,
    `  fastcgi_temp_path ${temp('fastcgi')};`,
    `  uwsgi_temp_path ${temp('uwsgi')};`,
    `  scgi_temp_path ${temp('scgi')};`,
    `  include ${httpConf};`,
    '}',
    '',
  ].join('\n');
}

/** Writes the rendered file and its main configuration into a fresh temp dir; returns the main file's path. */
function writeConf(dir: string, upstreams: readonly string[], listen: string): string {
  const httpConf = path.join(dir, 'jisr.conf');
  fs.writeFileSync(httpConf, renderNginxConf(upstreams, listen));
  const main = path.join(dir, 'nginx.conf');
  fs.writeFileSync(main, mainConf(dir, httpConf));
  return main;
}

/** `nginx -t` on the shipped file (rendered for local addresses): its status and what nginx said. */
export function checkNginxConf(upstreams: readonly string[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-nginx-t-'));
  try {
    const conf = writeConf(dir, upstreams, '127.0.0.1:8080');
    const result = spawnSync(nginxBinary(), ['-t', '-e', 'stderr', '-p', dir, '-c', conf], { encoding: 'utf8' });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface NginxProcess {
  /** `http://127.0.0.1:<port>`: what the phones open. */
  url: string;
  output(): string;
  /** Stops nginx (and its worker) and removes its dir; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Debian's nginx with the shipped configuration in front of `upstreams`, on a free port: a
 * foreground child of the test (`daemon off`, never the system service), every file it
 * writes in a temp dir. Resolves once it answers its own health location.
 */
export async function startNginx(upstreams: readonly string[]): Promise<NginxProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-nginx-'));
  // nginx's worker runs as another user when the test runs as root: it must reach its temp dirs.
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const conf = writeConf(dir, upstreams, `127.0.0.1:${port}`);
  let text = '';
  const child: ChildProcess = spawn(nginxBinary(), ['-e', 'stderr', '-p', dir, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      // QUIT: the master ends its worker; KILL after a while would orphan the worker.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${text}`);
    }
    const ok = await fetch(`${url}/nginx-health`).then((response) => response.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`nginx not answering after 10 s:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, output: () => text, stop };
}
