import Database from 'libsql';
import { StoreConflict, StoreNotFound } from '../store.js';
import type { Db } from './connection.js';

/**
 * A value SQLite may be given. No booleans: libsql 0.5 aborts the whole process (a Rust
 * panic, not an exception) when asked to bind one, so they go in as 0/1. Bytes (a photo)
 * go in as a BLOB.
 */
export type SqlValue = string | number | null | Uint8Array;
export type SqlParams = Readonly<Record<string, SqlValue>>;

/**
 * Typed access to one connection, with its prepared statements cached: a vote storm runs
 * the same few statements thousands of times.
 */
export class Sql {
  readonly #statements = new Map<string, Database.Statement>();

  constructor(readonly db: Db) {}

  /**
   * The first row, typed as the caller's row interface: the columns are the ones its own
   * SELECT names, from a schema this package creates, so the shape is ours to state.
   */
  one<Row>(sql: string, params: SqlParams = {}): Row | undefined {
    return this.#prepare(sql).get(params) as Row | undefined;
  }

  all<Row>(sql: string, params: SqlParams = {}): Row[] {
    return this.#prepare(sql).all(params) as Row[];
  }

  /** Runs a write and returns how many rows it changed. */
  run(sql: string, params: SqlParams = {}): number {
    return this.#prepare(sql).run(params).changes;
  }

  /** Inserts a row whose keys are the table's column names (both come from this package's code). */
  insert(table: string, row: SqlParams): void {
    const columns = Object.keys(row);
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `:${c}`).join(', ')})`;
    this.run(sql, row);
  }

  /**
   * Runs `fn` in a transaction that rolls back if it throws. IMMEDIATE takes the write lock
   * up front: a deferred one that reads and then writes can fail with SQLITE_BUSY at once
   * (no busy wait) when another process wrote in between.
   */
  transaction<T>(fn: () => T): T {
    // Prepared once like every other statement: libsql's own `transaction()` runs
    // `exec("BEGIN …")`, which parses the SQL again on every ballot (15% of a vote's CPU).
    this.run('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.run('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.run('ROLLBACK');
      throw error;
    }
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

export interface ConstraintMessages {
  /** Why a UNIQUE or PRIMARY KEY rule refused the write. */
  conflict?: string;
  /** What a FOREIGN KEY rule found missing. */
  notFound?: string;
}

/** Runs a write, turning the constraint failures it names into the store's own errors. */
export function withConstraints<T>(messages: ConstraintMessages, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw translateConstraint(error, messages);
  }
}

function translateConstraint(error: unknown, messages: ConstraintMessages): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const { code } = error;
  const unique = code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  if (unique && messages.conflict) return new StoreConflict(messages.conflict, { cause: error });
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' && messages.notFound) {
    return new StoreNotFound(messages.notFound, { cause: error });
  }
  return error;
}
