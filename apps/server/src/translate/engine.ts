import type { Lang } from '@jisr/protocol/common';

/** One direction an engine translates in, in Jisr's language codes. */
export interface LangPair {
  from: Lang;
  to: Lang;
}

export const ENGINE_NAMES = ['apertium', 'libretranslate'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/**
 * A machine translation engine reached over HTTP (TRANSLATE_URL). Both calls take the
 * caller's AbortSignal: the translator cancels a request that outlives its timeout.
 */
export interface TranslationEngine {
  readonly name: EngineName;
  /** The pairs the engine has, among Jisr's six languages (others are left out). */
  pairs(signal: AbortSignal): Promise<LangPair[]>;
  /** The text in `pair.to`; throws EngineRefusal when the engine answers with an error. */
  translate(text: string, pair: LangPair, signal: AbortSignal): Promise<string>;
}

/** The engine answered, but with an error (no such pair, bad key, over its own quota...). */
export class EngineRefusal extends Error {
  override readonly name = 'EngineRefusal';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** GETs or POSTs JSON; an HTTP error status becomes an EngineRefusal with the engine's own words. */
export async function requestJson(url: URL, init: RequestInit & { signal: AbortSignal }): Promise<unknown> {
  const response = await fetch(url, init);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new EngineRefusal(`${url.pathname} answered ${response.status}: ${describeError(body)}`, response.status);
  return body;
}

function describeError(body: unknown): string {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['error', 'explanation', 'message']) if (typeof record[key] === 'string') return record[key];
  }
  return 'no explanation';
}

/** The engine's base address with `path` under it (a base with a path prefix keeps it). */
export function endpoint(base: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), base.endsWith('/') ? base : `${base}/`);
}
