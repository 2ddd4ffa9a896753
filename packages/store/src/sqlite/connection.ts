import fs from 'node:fs';
import path from 'node:path';
import Database from 'libsql';

export type Db = Database.Database;

export const MEMORY = ':memory:';

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database file (creating its directory) and sets the connection pragmas:
 * WAL so readers never wait for the writer; NORMAL sync, which in WAL mode can lose the
 * last commits on power loss but never corrupts; foreign keys, which SQLite leaves off
 * by default on every new connection.
 */
export function openDatabase(file: string): Db {
  if (file !== MEMORY) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    const mode = pragma(db, 'journal_mode = WAL');
    // An in-memory database has no journal file to put in WAL mode and says 'memory'.
    if (file !== MEMORY && mode !== 'wal') {
      throw new Error(`SQLite refused WAL mode for ${file} (got '${String(mode)}'): is it on a network file system?`);
    }
    pragma(db, 'foreign_keys = ON');
    pragma(db, `busy_timeout = ${BUSY_TIMEOUT_MS}`);
    pragma(db, 'synchronous = NORMAL');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Runs `PRAGMA <source>` and returns the first column of its row (undefined when it
 * returns none). libsql's `pragma(x, { simple: true })` returns the whole row instead.
 */
export function pragma(db: Db, source: string): unknown {
  const row = db.prepare(`PRAGMA ${source}`).get();
  if (row === undefined || row === null) return undefined;
  if (typeof row !== 'object') throw new Error(`PRAGMA ${source} returned ${typeof row}`);
  const [column] = Object.keys(row).filter((key) => key !== '_metadata');
  return column === undefined ? undefined : (row as Record<string, unknown>)[column];
}
