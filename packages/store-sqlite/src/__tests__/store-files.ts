import { afterEach, beforeEach } from 'vitest';
import { SqliteStore } from '../sqlite-store.js';
import { tempFolder } from './sample-data.js';

/**
 * For a test file: a fresh temp folder per test, and `storeAt(path)` that opens (and afterwards closes) a store
 * there. Call once at the top of the file.
 */
export function useStoreFiles(): {
  file: (name?: string) => string;
  storeAt: (path: string) => Promise<SqliteStore>;
} {
  let folder: ReturnType<typeof tempFolder> | undefined;
  const open: SqliteStore[] = [];
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    folder?.cleanup();
  });
  return {
    file: (name) => (folder as ReturnType<typeof tempFolder>).file(name),
    storeAt: async (path) => {
      const store = new SqliteStore({ path });
      open.push(store);
      await store.init();
      return store;
    },
  };
}
