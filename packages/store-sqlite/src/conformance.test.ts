import { testStore } from '@tqalert/testkit';
import { tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

testStore('SqliteStore (file)', () => {
  const folder = tempFolder();
  const path = folder.file();
  const opened: SqliteStore[] = [];
  const open = () => {
    const store = new SqliteStore({ path });
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    reopen: open,
    dispose: async () => {
      for (const store of opened) await store.close();
      folder.cleanup();
    },
  };
});

testStore('SqliteStore (:memory:)', () => new SqliteStore({ path: ':memory:' }));
