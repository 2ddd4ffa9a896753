import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';

/**
 * The SvelteKit adapter-node handler from the web build, or null when the web app isn't
 * built (API-only runs and server tests).
 */
export async function loadWebHandler(buildDir: string, publicUrl: string): Promise<RequestHandler | null> {
  const file = path.join(buildDir, 'handler.js');
  if (!fs.existsSync(file)) return null;
  // adapter-node reads ORIGIN when the handler is imported; without it every request
  // looks like https, which breaks plain-http venue networks.
  process.env['ORIGIN'] ??= publicUrl;
  const module: unknown = await import(pathToFileURL(file).href);
  const handler = (module as { handler?: unknown }).handler;
  if (typeof handler !== 'function') throw new Error(`${file} does not export a request handler`);
  return handler as RequestHandler;
}

/** The variable the web app's server hooks read to reach this node's API without leaving the machine. */
export const INTERNAL_URL_VARIABLE = 'JISR_INTERNAL_URL';

/**
 * This node's own address for the web app's server-side fetches (hooks.server.ts's
 * handleFetch): the agenda rendered on the server asks the API here, over loopback, rather
 * than through PUBLIC_URL, which may be a public name this machine can't reach from inside.
 */
export function internalUrl(port: number, host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
