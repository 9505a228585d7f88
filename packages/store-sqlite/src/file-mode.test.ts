import { chmodSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePoll, tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

let folder: ReturnType<typeof tempFolder>;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  folder.cleanup();
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('database file permissions', () => {
  it('11.22 creates the database and its -wal and -shm files readable by their owner only (0600)', async () => {
    const path = folder.file();
    const store = new SqliteStore({ path });
    await store.init();
    // A write, so SQLite has created its write-ahead log and shared-memory index beside the database.
    await store.commitPoll(samplePoll('c', 1, 3));
    try {
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect(existsSync(`${path}-shm`)).toBe(true);
      expect({
        db: modeOf(path).toString(8),
        wal: modeOf(`${path}-wal`).toString(8),
        shm: modeOf(`${path}-shm`).toString(8),
      }).toEqual({ db: '600', wal: '600', shm: '600' });
    } finally {
      await store.close();
    }
  });

  it('keeps the mode of a database file that already exists, as its owner chose it', async () => {
    const path = folder.file();
    writeFileSync(path, '');
    chmodSync(path, 0o640);
    const store = new SqliteStore({ path });
    await store.init();
    await store.close();
    expect(modeOf(path).toString(8)).toBe('640');
  });
});
