import type { TestProject } from 'vitest/node';
import { startEmbeddedServer } from '../embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server every test of this package uses, each test in its own schema. */
    postgresUrl: string;
    /** True when this run started the server itself (it then checks passwords: SCRAM). */
    postgresEmbedded: boolean;
  }
}

/**
 * One PostgreSQL server for the whole run: the one named by TQALERT_TEST_POSTGRES_URL, or else an embedded one
 * started here from the npm packages, so that a fresh machine runs these tests too instead of skipping them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TQALERT_TEST_POSTGRES_URL?.trim();
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresEmbedded', false);
    return async () => {};
  }
  const server = await startEmbeddedServer();
  project.provide('postgresUrl', server.url);
  project.provide('postgresEmbedded', true);
  return () => server.stop();
}
