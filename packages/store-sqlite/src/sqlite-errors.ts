import { TQAlertError } from '@tqalert/core';

/** SQLite primary result codes this store explains to the user (extended codes are masked down to these). */
const SQLITE_BUSY = 5;
const SQLITE_READONLY = 8;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

interface SqliteFailure {
  errcode: number;
  errstr: string;
}

function isSqliteFailure(error: unknown): error is SqliteFailure & Error {
  return error instanceof Error && typeof (error as Partial<SqliteFailure>).errcode === 'number';
}

/**
 * Turns a `node:sqlite` error into a {@link TQAlertError} that names the database file, the operation and what
 * to do. Errors that are already TQ Alert errors pass through unchanged.
 */
export function explainSqliteError(error: unknown, location: string, operation: string): Error {
  if (TQAlertError.isInstance(error)) return error;
  if (!isSqliteFailure(error)) return error instanceof Error ? error : new Error(String(error));
  const where = `SQLite store "${location}" (${operation})`;
  switch (error.errcode & 0xff) {
    case SQLITE_BUSY:
      return new TQAlertError(
        'STORE_BUSY',
        `${where}: the database stayed locked by another connection for longer than busyTimeoutMs. Another worker or tool is writing to the same file: stop it, or raise busyTimeoutMs.`,
        { cause: error },
      );
    case SQLITE_READONLY:
      return new TQAlertError(
        'STORE_READ_ONLY',
        `${where}: the database is read-only. Make the file and its folder writable by this user (SQLite also writes "-wal" and "-shm" files beside it), or point the store's path at a writable location.`,
        { cause: error },
      );
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return new TQAlertError(
        'STORE_NOT_A_DATABASE',
        `${where}: the file is not a TQ Alert SQLite database (${error.errstr}). Point the store's path at a new file name, or restore the file from a backup.`,
        { cause: error },
      );
    case SQLITE_FULL:
      return new TQAlertError(
        'STORE_DISK_FULL',
        `${where}: the disk is full, nothing was written. Free space on the volume that holds the file.`,
        { cause: error },
      );
    case SQLITE_CANTOPEN:
      return new TQAlertError(
        'STORE_CANNOT_OPEN',
        `${where}: SQLite cannot open the file (${error.errstr}). Check that the folder exists and that this user may read and write it.`,
        { cause: error },
      );
    default:
      return new TQAlertError('STORE_FAILED', `${where} failed: ${error.errstr || error.message}`, {
        cause: error,
      });
  }
}
