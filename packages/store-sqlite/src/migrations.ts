import { TQAlertError } from '@tqalert/core';
import type { Connection } from './connection.js';
import { SCHEMA_V1 } from './schema-v1.js';
import { SCHEMA_V2_ACTION_AUDIT } from './schema-v2-action-audit.js';
import { SCHEMA_V3_RETENTION } from './schema-v3-retention.js';

/** One numbered step of the schema. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration this release knows, in order. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'outbox, ledgers, silences', sql: SCHEMA_V1 },
  { version: 2, name: 'action audit trail', sql: SCHEMA_V2_ACTION_AUDIT },
  { version: 3, name: 'retention indexes', sql: SCHEMA_V3_RETENTION },
];

/** The schema version this release writes. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/**
 * Brings the database up to the newest version in `migrations`, all pending steps in one transaction so that a
 * crash or a second process starting at the same time never sees half a schema. Refuses a database written by a
 * newer release: running old code on it could lose what the newer one keeps. Returns the versions applied.
 */
export function migrate(
  conn: Connection,
  now: Date,
  migrations: readonly Migration[] = MIGRATIONS,
): number[] {
  const known = migrations[migrations.length - 1]?.version ?? 0;
  return conn.write('init', () => {
    conn.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT',
    );
    const applied = new Set(
      conn.all<{ version: number }>('SELECT version FROM schema_migrations').map((row) => row.version),
    );
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new TQAlertError(
        'STORE_SCHEMA_NEWER',
        `SQLite store "${conn.location}" has schema version ${newest}, but this @tqalert/store-sqlite knows versions up to ${known}: a newer release wrote it. Upgrade @tqalert/store-sqlite (and the worker) to that release, or point the store's path at another file. Nothing was changed.`,
      );
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      conn.db.exec(migration.sql);
      conn.run(
        'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
        migration.version,
        migration.name,
        now.toISOString(),
      );
      done.push(migration.version);
    }
    return done;
  });
}
