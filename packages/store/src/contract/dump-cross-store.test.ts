import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Keys } from '../redis/keys.js';
import { openRedisStore } from '../redis/redis-store.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';
import type { Store } from '../store.js';
import { buildFullEvent, comparable, IMPORTED_OWNER_HASH, throughJson, visibleState } from './dump-contract.js';

/**
 * Moving an event between the two stores (issue 12): exported from one, imported into a
 * fresh store of the other kind, exported again: the same document, the same reads. Redis is
 * the real one at REDIS_URL (no Redis is a failure, never a skip), under a prefix of its own.
 */

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const admin = createClient({ url: REDIS_URL, socket: { connectTimeout: 3000, reconnectStrategy: false } });
let dir = '';
const opened: Store[] = [];
const prefixes: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jisr-dump-test-'));
  await admin.connect();
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const prefix of prefixes.splice(0)) {
    for await (const keys of admin.scanIterator({ MATCH: new Keys(prefix).pattern(), COUNT: 1000 })) {
      if (keys.length > 0) await admin.unlink(keys);
    }
  }
});

afterAll(async () => {
  await admin.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sqlite(): Store {
  const store = openSqliteStore({ file: path.join(dir, `${randomUUID()}.db`) });
  opened.push(store);
  return store;
}

async function redis(): Promise<Store> {
  const prefix = `jisr-test:${randomUUID()}:`;
  prefixes.push(prefix);
  const store = await openRedisStore({ url: REDIS_URL, prefix });
  opened.push(store);
  return store;
}

describe.each([
  { from: 'sqlite', to: 'redis' },
  { from: 'redis', to: 'sqlite' },
])('moving an event from $from to $to', ({ from, to }) => {
  const open = (kind: string): Promise<Store> => (kind === 'sqlite' ? Promise.resolve(sqlite()) : redis());

  it('the export of the imported event equals the original export; reads, tokens and ids are the same', async () => {
    const source = await open(from);
    const target = await open(to);
    const full = await buildFullEvent(source);
    const dump = await source.exportEvent(full.event.id);

    const result = await target.importEvent(throughJson(dump), { ownerPasswordHash: IMPORTED_OWNER_HASH });
    expect(result.ownerCreated).toBe(true);
    expect(result.event).toStrictEqual(full.event);
    expect(await target.getUser(full.event.ownerId)).toMatchObject({ email: dump.owner.email, passwordHash: IMPORTED_OWNER_HASH });
    expect(comparable(await target.exportEvent(full.event.id))).toStrictEqual(comparable(dump));
    expect(await visibleState(target, full, full.event.code)).toStrictEqual(await visibleState(source, full, full.event.code));

    // And back again into a fresh store of the first kind.
    const back = await open(from);
    await back.importEvent(await target.exportEvent(full.event.id), { ownerPasswordHash: IMPORTED_OWNER_HASH });
    expect(comparable(await back.exportEvent(full.event.id))).toStrictEqual(comparable(dump));
  });
});
