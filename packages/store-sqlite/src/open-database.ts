import { accessSync, closeSync, constants, fchmodSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { TQAlertError } from '@tqalert/core';
import { Connection } from './connection.js';
import { explainSqliteError } from './sqlite-errors.js';

/** The `synchronous` levels this store allows (see the README for why FULL is the default). */
export type SynchronousMode = 'full' | 'normal';

export interface OpenOptions {
  path: string;
  busyTimeoutMs: number;
  synchronous: SynchronousMode;
}

export const IN_MEMORY = ':memory:';

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writable(path: string, mode: number): boolean {
  // A file with no write bit at all was made read-only on purpose: respect that even for root, who could write.
  if ((mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Checks the path before SQLite sees it, because SQLite's own messages ("unable to open") do not say why. */
function checkPath(path: string): void {
  const file = resolve(path);
  const folder = dirname(file);
  const folderStat = statOrUndefined(folder);
  if (!folderStat) {
    throw new TQAlertError(
      'STORE_FOLDER_MISSING',
      `SQLite store "${path}": the folder "${folder}" does not exist. Create it (mkdir -p "${folder}") or set the store's path to a file in an existing folder.`,
    );
  }
  if (!folderStat.isDirectory()) {
    throw new TQAlertError(
      'STORE_PATH_INVALID',
      `SQLite store "${path}": "${folder}" is not a folder. Fix the store's path.`,
    );
  }
  const fileStat = statOrUndefined(file);
  if (fileStat?.isDirectory()) {
    throw new TQAlertError(
      'STORE_PATH_INVALID',
      `SQLite store "${path}" is a folder, not a file. Set the store's path to a file name inside it, e.g. "${path.replace(/\/+$/, '')}/tqalert.db".`,
    );
  }
  if (fileStat && !writable(file, fileStat.mode)) {
    throw new TQAlertError(
      'STORE_READ_ONLY',
      `SQLite store "${path}" is read-only: the worker must write to it. Make it writable (chmod u+w "${file}") or point the store's path at a writable file.`,
    );
  }
  if (!writable(folder, folderStat.mode)) {
    throw new TQAlertError(
      'STORE_READ_ONLY',
      `SQLite store "${path}": the folder "${folder}" is not writable, and SQLite must create the database and its "-wal" and "-shm" files there. Make the folder writable or choose another path.`,
    );
  }
}

/** Who may read a database the store creates: its owner only. It holds alert contents and delivery records. */
const DATABASE_FILE_MODE = 0o600;

/**
 * Creates the database file, empty and owner-only, before SQLite opens it; SQLite then gives its "-wal" and
 * "-shm" files the same mode as the database. The mode is set with fchmod, so the process umask cannot widen it.
 * An existing file keeps the mode its owner gave it.
 */
function createOwnerOnly(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', DATABASE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw explainSqliteError(error, path, 'open');
  }
  try {
    fchmodSync(fd, DATABASE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens (creating if needed) the database file with the settings the guarantees rest on: WAL journal, the chosen
 * `synchronous` level, foreign keys and a busy timeout.
 */
export function openDatabase(options: OpenOptions): Connection {
  if (options.path !== IN_MEMORY) {
    checkPath(options.path);
    createOwnerOnly(options.path);
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(options.path, { enableForeignKeyConstraints: true });
  } catch (error) {
    throw explainSqliteError(error, options.path, 'open');
  }
  const conn = new Connection(db, options.path);
  try {
    conn.read('open', () => {
      db.exec(`PRAGMA busy_timeout = ${Math.trunc(options.busyTimeoutMs)}`);
      db.exec('PRAGMA foreign_keys = ON');
      const journal = conn.get<{ journal_mode: string }>('PRAGMA journal_mode = WAL')?.journal_mode;
      if (options.path !== IN_MEMORY && journal !== 'wal') {
        throw new TQAlertError(
          'STORE_WAL_UNAVAILABLE',
          `SQLite store "${options.path}": the file system refused write-ahead logging (journal mode is "${journal}"). Put the file on a local disk; network file systems are not supported.`,
        );
      }
      db.exec(`PRAGMA synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    });
  } catch (error) {
    conn.close();
    throw error;
  }
  return conn;
}
