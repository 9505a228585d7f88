import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import { explainSqliteError } from './sqlite-errors.js';

/** What `run()` reports: rows changed and the last inserted rowid. */
export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/**
 * One open database with cached prepared statements. Every public store operation goes through
 * {@link Connection.read} or {@link Connection.write}, so that SQLite errors come out explained and every
 * write is one `BEGIN IMMEDIATE` transaction.
 */
export class Connection {
  readonly db: DatabaseSync;
  /** The file path (or `:memory:`), for error messages. */
  readonly location: string;
  private readonly statements = new Map<string, StatementSync>();

  constructor(db: DatabaseSync, location: string) {
    this.db = db;
    this.location = location;
  }

  private statement(sql: string): StatementSync {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  run(sql: string, ...params: SQLInputValue[]): RunResult {
    const result = this.statement(sql).run(...params);
    return { changes: Number(result.changes), lastInsertRowid: Number(result.lastInsertRowid) };
  }

  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  /** Runs `fn` outside a transaction; SQLite errors are explained. */
  read<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw explainSqliteError(error, this.location, operation);
    }
  }

  /**
   * Runs `fn` in one `BEGIN IMMEDIATE` transaction: the write lock is taken up front (waiting up to the busy
   * timeout), so two processes on one file never interleave a read-then-update such as a claim.
   */
  write<T>(operation: string, fn: () => T): T {
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw explainSqliteError(error, this.location, operation);
    }
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      try {
        this.db.exec('ROLLBACK');
      } catch {
        // SQLite already rolled back (it does on some errors); the original error is the one to report.
      }
      throw explainSqliteError(error, this.location, operation);
    }
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
