// A real PostgreSQL for the replica tests: the server in TQALERT_TEST_POSTGRES_URL when set (CI and this
// machine run one), otherwise an embedded one from the npm registry, so a fresh machine runs the tests too.
export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function postgresForTests(): Promise<TestPostgres> {
  const given = process.env.TQALERT_TEST_POSTGRES_URL;
  if (given) return { url: given, stop: async () => {} };
  const { startEmbeddedServer } = await import('@tqalert/store-postgres/embedded');
  return startEmbeddedServer();
}
