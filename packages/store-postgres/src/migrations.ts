import { TQAlertError } from '@tqalert/core';
import type { Database } from './database.js';
import { SCHEMA_V1 } from './schema-v1.js';
import { SCHEMA_V2_ACTION_AUDIT } from './schema-v2-action-audit.js';

/** One numbered step of the schema. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration this release knows, in order. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'outbox, ledgers, silences, leases', sql: SCHEMA_V1 },
  { version: 2, name: 'action audit trail', sql: SCHEMA_V2_ACTION_AUDIT },
];

/** The schema version this release writes. */
export const SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** The first key of every advisory lock this store takes: "TQAL" as a 32-bit integer. */
export const LOCK_SPACE = 0x5451414c;

/**
 * Brings the schema up to the newest version in `migrations`, every pending step in ONE transaction that first
 * takes a transaction-scoped advisory lock keyed by the schema name: replicas starting together queue on the
 * lock, the first migrates, the others then find nothing to do. Refuses a schema written by a newer release:
 * running old code on it could lose what the newer one keeps. Returns the versions applied.
 */
export function migrate(
  db: Database,
  schema: string,
  now: Date,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const known = migrations[migrations.length - 1]?.version ?? 0;
  // Quoted, so a schema named like a keyword ("user", "order") works too; the name is checked to be a plain one.
  const quoted = `"${schema}"`;
  return db.write('init', async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, `migrate:${schema}`]);
    await q.execute(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    await q.execute(
      `CREATE TABLE IF NOT EXISTS ${quoted}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`,
    );
    const rows = await q.query<{ version: number }>(`SELECT version FROM ${quoted}.schema_migrations`);
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new TQAlertError(
        'STORE_SCHEMA_NEWER',
        `PostgreSQL store ${db.site.target.display} (schema "${schema}") has schema version ${newest}, but this @tqalert/store-postgres knows versions up to ${known}: a newer release wrote it. Upgrade @tqalert/store-postgres (and every worker replica) to that release, or point the store at another schema. Nothing was changed.`,
      );
    }
    const done: number[] = [];
    // The connection's search path already names the schema; SET LOCAL makes sure for a pooler that drops it.
    await q.execute(`SET LOCAL search_path TO ${quoted}`);
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await q.execute(migration.sql);
      await q.execute(
        `INSERT INTO ${quoted}.schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
        [migration.version, migration.name, now.toISOString()],
      );
      done.push(migration.version);
    }
    return done;
  });
}
