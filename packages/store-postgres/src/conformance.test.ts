import { testStore } from '@tqalert/testkit';
import { testSchema } from './__tests__/test-schema.js';

testStore('PostgresStore', async () => {
  const schema = await testSchema();
  return { store: schema.open(), reopen: () => schema.open(), dispose: () => schema.drop() };
});
