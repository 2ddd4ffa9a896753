import { openDatabase } from '@jisr/store/sqlite/connection';
import { applyMigrations, SCHEMA_VERSION } from '@jisr/store/sqlite/migrations';
import type { Config } from '../config.js';
import { openCliStore, sqliteFile } from './cli-store.js';
import type { CliIo } from './io.js';

/**
 * `migrate`: SQLite's schema brought up to date (the server does it too at start; this lets
 * an operator do it, and see it done, before starting a new version). Redis keys have no
 * schema: it is only checked to answer. On both, the names that builds before issue 19.11
 * kept with anonymous questions are deleted (SQLite's migration did it once; a copy restored
 * from an older backup, or Redis, may still hold some).
 */
export async function migrate(config: Config, io: CliIo): Promise<void> {
  if (config.REDIS_URL === undefined) {
    const file = sqliteFile(config);
    const db = openDatabase(file);
    try {
      const applied = applyMigrations(db);
      io.out(applied === 0 ? `SQLite ${file}: schema version ${SCHEMA_VERSION}, up to date` : `SQLite ${file}: applied ${applied} migrations, schema version ${SCHEMA_VERSION}`);
    } finally {
      db.close();
    }
  }
  const opened = await openCliStore(config);
  try {
    if (config.REDIS_URL !== undefined) {
      if (!(await opened.store.ping())) throw new Error(`${opened.where} does not answer PING`);
      io.out(`${opened.where}: answers; Redis keys need no migration`);
    }
    const forgotten = await opened.store.forgetAnonymousAuthorNames();
    io.out(
      forgotten === 0
        ? `${opened.where}: no anonymous question keeps its asker's name`
        : `${opened.where}: deleted the asker's name kept with ${forgotten} anonymous questions (builds before issue 19.11)`,
    );
  } finally {
    await opened.store.close();
  }
}
