import path from 'node:path';
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
  /** Set to share state between nodes through Redis (scale-out issue). */
  REDIS_URL: z.url().optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  /** Create the demo event (join code DEMO) when the store is empty. */
  DEMO: flag.default(true),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** How often a node pushes the tally of a poll that got votes (DESIGN.md section 6). */
  TALLY_INTERVAL_MS: z.coerce.number().int().min(10).max(5000).default(100),
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
  return {
    ...raw,
    DATA_DIR: path.resolve(raw.DATA_DIR),
    PUBLIC_URL: (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, ''),
    WEB_BUILD_DIR: path.resolve(raw.WEB_BUILD_DIR ?? path.join(serverDir, '../../web/build')),
  };
}
