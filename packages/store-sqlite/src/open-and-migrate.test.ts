import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePoll, tempFolder } from './__tests__/sample-data.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { SqliteStore } from './sqlite-store.js';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  folder.cleanup();
});

function versions(path: string): number[] {
  const db = new DatabaseSync(path);
  try {
    return db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((r) => Number(r.version));
  } finally {
    db.close();
  }
}

describe('opening the database', () => {
  it('uses WAL, synchronous FULL and foreign keys by default', async () => {
    const store = new SqliteStore({ path: folder.file() });
    await store.init();
    await store.close();
    const db = new DatabaseSync(folder.file());
    expect(db.prepare('PRAGMA journal_mode').get()?.journal_mode).toBe('wal');
    db.close();
    // synchronous and foreign_keys are per connection: read them through the store's own connection.
    const probe = new SqliteStore({ path: folder.file() });
    await probe.init();
    const conn = (probe as unknown as { conn: { db: DatabaseSync } }).conn.db;
    expect(conn.prepare('PRAGMA synchronous').get()?.synchronous).toBe(2);
    expect(conn.prepare('PRAGMA foreign_keys').get()?.foreign_keys).toBe(1);
    await probe.close();
  });

  it('names the path and says to create the folder when the folder is missing', async () => {
    const path = join(folder.dir, 'no', 'such', 'dir', 'store.db');
    const error = await new SqliteStore({ path }).init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_FOLDER_MISSING' });
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain(`mkdir -p "${join(folder.dir, 'no', 'such', 'dir')}"`);
  });

  it('refuses a read-only file, naming it and the fix', async () => {
    const path = folder.file();
    const store = new SqliteStore({ path });
    await store.init();
    await store.close();
    chmodSync(path, 0o444);
    const error = await new SqliteStore({ path }).init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_READ_ONLY' });
    expect((error as Error).message).toContain(`chmod u+w "${path}"`);
  });

  it('refuses a file that is not a SQLite database instead of overwriting it', async () => {
    const path = folder.file('notes.txt');
    const text = `${'important notes, not a database. '.repeat(10)}\n`;
    writeFileSync(path, text);
    const error = await new SqliteStore({ path }).init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_NOT_A_DATABASE' });
    expect((error as Error).message).toContain(path);
  });

  it('refuses a folder given as the path', async () => {
    await expect(new SqliteStore({ path: folder.dir }).init()).rejects.toMatchObject({
      code: 'STORE_PATH_INVALID',
    });
  });
});

describe('migrations', () => {
  it('applies each migration once: init twice and reopening change nothing', async () => {
    const path = folder.file();
    const store = new SqliteStore({ path });
    await store.init();
    await store.init();
    await store.commitPoll(samplePoll('c', 1, 3));
    await store.close();
    const again = new SqliteStore({ path });
    await again.init();
    expect((await again.listDeliveries()).length).toBe(2);
    await again.close();
    expect(versions(path)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(SCHEMA_VERSION).toBe(3);
  });

  it('applies a later migration to an existing file, keeping its data', async () => {
    const path = folder.file();
    const v1 = new SqliteStore({ path });
    await v1.init();
    await v1.commitPoll(samplePoll('c', 1, 2));
    await v1.close();
    const next = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'notes', sql: 'CREATE TABLE notes (text TEXT) STRICT;' },
    ];
    const v2 = new SqliteStore({ path, migrations: next });
    await v2.init();
    expect(await v2.getCursor('watch')).toBe('c');
    await v2.close();
    expect(versions(path)).toEqual([...MIGRATIONS.map((m) => m.version), SCHEMA_VERSION + 1]);
  });

  it('rolls back a failing migration completely', async () => {
    const path = folder.file();
    const broken = [
      ...MIGRATIONS,
      { version: SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE ok (x TEXT); CREATE TABLE bad (' },
    ];
    await expect(new SqliteStore({ path, migrations: broken }).init()).rejects.toMatchObject({
      code: 'STORE_FAILED',
    });
    const db = new DatabaseSync(path);
    expect(
      db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name IN ('ok', 'deliveries')`).get()?.n,
    ).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer schema version, and leaves it untouched', async () => {
    const path = folder.file();
    const newer = new SqliteStore({
      path,
      migrations: [
        ...MIGRATIONS,
        { version: 7, name: 'future', sql: 'CREATE TABLE future (x TEXT) STRICT;' },
      ],
    });
    await newer.init();
    await newer.close();
    const error = await new SqliteStore({ path }).init().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'STORE_SCHEMA_NEWER' });
    expect((error as Error).message).toMatch(
      /schema version 7, but this @tqalert\/store-sqlite knows versions up to 3/,
    );
    expect((error as Error).message).toContain('Upgrade @tqalert/store-sqlite');
    expect(versions(path)).toEqual([1, 2, 3, 7]);
  });
});
