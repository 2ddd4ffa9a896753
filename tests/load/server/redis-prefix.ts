import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

/** A prefix no other run (or test) uses, so a benchmark never reads another's keys. */
export function uniquePrefix(label: string): string {
  return `bench-${label}-${randomBytes(4).toString('hex')}`;
}

/** Null when Redis answers at `url`, else why not. */
export async function redisProblem(url: string): Promise<string | null> {
  const client = createClient({ url, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `no Redis at ${url}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Deletes every key under a benchmark's prefix (streams and hashes left by the nodes). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await client.unlink(keys);
    }
  } finally {
    client.destroy();
  }
}
