import path from 'node:path';
import type { RedisTarget } from '@jisr/store/redis/connection';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** Every setting Jisr reads, from environment variables, parsed once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Where the embedded store keeps its files. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** Signs tokens. Without it, one is made on first start and kept in DATA_DIR/secret. */
  SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The address attendees open (used in join links and QR codes). */
  PUBLIC_URL: z.url().optional(),
  /** Other sites whose pages may call the API and open sockets (comma-separated origins); PUBLIC_URL always may. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin.length > 0))
    .pipe(z.array(z.url('must be comma-separated origins, e.g. https://jisr.example'))),
  /** Set to share state between nodes through Redis: the Redis store and Socket.IO's Redis streams adapter. */
  REDIS_URL: z.url().optional(),
  /**
   * Instead of REDIS_URL, Redis behind Sentinel (high availability): a few sentinels as
   * `host:port,host:port,...`; nodes follow the master they name, failovers included.
   */
  REDIS_SENTINELS: z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined) return undefined;
      const nodes = value.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0).map((entry) => {
        const match = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(entry);
        const port = Number(match?.[2]);
        return match && port > 0 && port <= 65535 ? { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port } : undefined;
      });
      if (nodes.length === 0 || nodes.some((node) => node === undefined)) {
        context.addIssue({ code: 'custom', message: 'must be comma-separated host:port pairs, e.g. 10.0.0.1:26379,10.0.0.2:26379' });
        return z.NEVER;
      }
      return nodes.filter((node) => node !== undefined);
    }),
  /** The master's name the sentinels watch (`sentinel monitor <name> ...`). */
  REDIS_SENTINEL_NAME: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores').default('jisr'),
  /** The Redis servers' password with REDIS_SENTINELS (with REDIS_URL it goes in the URL). */
  REDIS_PASSWORD: z.string().min(1).optional(),
  /** The sentinels' own password, when they have one. */
  REDIS_SENTINEL_PASSWORD: z.string().min(1).optional(),
  /**
   * While Redis has replicas, how long a write waits for one of them to have it before it
   * is refused as `unavailable` (and resent): what a failover cannot lose. 0: never wait.
   */
  REDIS_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(5000).default(250),
  /** Put in front of every Redis key and channel, so that several deployments (or tests) can share one Redis. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
    .default('jisr'),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Create the demo event (join code DEMO) when the store is empty. */
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Client events an attendee's socket may send per 10 s (twice that per person over all their sockets; staff ten times). */
  EVENTS_PER_10S: z.coerce.number().int().min(1).max(100_000).default(60),
  /** Joins per minute from one IP: a venue NAT puts a whole hall behind one address. */
  JOINS_PER_MINUTE_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Sockets open at once from one IP, on one node. */
  CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  /** Lookups of unknown event codes per IP per 10 minutes (code guessing); hall-sized, see DESIGN.md 6b. */
  UNKNOWN_CODES_PER_10_MIN_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** Bearer token for GET /metrics; without it, only direct scrapers on loopback or a private network get metrics. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How often a node pushes the tally of a poll that got votes (DESIGN.md section 6). */
  TALLY_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(100),
  /**
   * How often the audience's phones get a tally (staff and room screens get every push):
   * in a large hall they are nearly all of the tally traffic.
   */
  AUDIENCE_TALLY_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(500),
  /**
   * A machine translation engine (issue 20): Apertium APy or LibreTranslate at this address.
   * Unset: nothing is machine-translated.
   */
  TRANSLATE_URL: z.url().optional(),
  /** Which API TRANSLATE_URL speaks. */
  TRANSLATE_API: z.enum(['apertium', 'libretranslate']).default('apertium'),
  /** LibreTranslate's `api_key`, when the server asks for one. */
  TRANSLATE_API_KEY: z.string().min(1).optional(),
  /** How long one engine request may take before the question goes on untranslated in that language. */
  TRANSLATE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Engine requests one event may make per hour (a pivot counts two): a flood must not become a bill. */
  TRANSLATE_BUDGET_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(3000),
  /** The built SvelteKit app (adapter-node output). */
  WEB_BUILD_DIR: z.string().min(1).optional(),
});
export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends Omit<RawConfig, 'DATA_DIR' | 'PUBLIC_URL' | 'WEB_BUILD_DIR'> {
  DATA_DIR: string;
  PUBLIC_URL: string;
  WEB_BUILD_DIR: string;
}

/** Thrown for bad configuration: main prints its message as one line and exits 1. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: NodeJS.ProcessEnv, serverDir: string): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Bad configuration: ${key}: ${issue?.message ?? 'invalid'}`);
  }
  const raw = result.data;
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    throw new ConfigError('Bad configuration: ADMIN_EMAIL and ADMIN_PASSWORD go together: set both or neither');
  }
  // A token signed by one node must be accepted by every other: they need the same secret,
  // and a generated one would differ per node (each has its own DATA_DIR).
  if (raw.REDIS_URL !== undefined && raw.REDIS_SENTINELS !== undefined) {
    throw new ConfigError('Bad configuration: REDIS_SENTINELS: set either REDIS_URL (one Redis) or REDIS_SENTINELS (Redis behind Sentinel), not both');
  }
  if ((raw.REDIS_URL !== undefined || raw.REDIS_SENTINELS !== undefined) && raw.SECRET === undefined) {
    const shared = raw.REDIS_URL !== undefined ? 'REDIS_URL' : 'REDIS_SENTINELS';
    throw new ConfigError(`Bad configuration: SECRET: required with ${shared} (every node must sign tokens with the same secret)`);
  }
  return {
    ...raw,
    DATA_DIR: path.resolve(raw.DATA_DIR),
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    WEB_BUILD_DIR: path.resolve(raw.WEB_BUILD_DIR ?? path.join(serverDir, '../../web/build')),
  };
}

/**
 * The shared Redis the configuration names, or undefined for one node on SQLite: REDIS_URL,
 * or the sentinels of REDIS_SENTINELS (with the master's name and the passwords).
 */
export function redisTarget(config: Config): RedisTarget | undefined {
  if (config.REDIS_URL !== undefined) return { url: config.REDIS_URL };
  if (config.REDIS_SENTINELS === undefined) return undefined;
  return {
    sentinel: {
      name: config.REDIS_SENTINEL_NAME,
      sentinels: config.REDIS_SENTINELS,
      ...(config.REDIS_PASSWORD ? { password: config.REDIS_PASSWORD } : {}),
      ...(config.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: config.REDIS_SENTINEL_PASSWORD } : {}),
    },
  };
}
