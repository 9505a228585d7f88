// `npm start -- --replicas 3`: the demo with several workers on one embedded PostgreSQL, as a team would run it
// in production, so killing one replica's process shows that nothing is lost.
import { readFileSync, writeFileSync } from 'node:fs';

/** The example config's store block, replaced for replicas. */
const SQLITE_STORE = /^store:\n {2}use: sqlite\n {2}options:\n {4}path: \.\/tqalert\.db\n/m;

/**
 * Points the generated config at PostgreSQL, and posts to a second Slack channel: the URL comes from the environment (`TQALERT_DEMO_DATABASE_URL`),
 * and the leases are short so a killed replica's work moves within seconds in the demo.
 */
export function useSharedStore(configFile: string): void {
  const text = readFileSync(configFile, 'utf8');
  if (!SQLITE_STORE.test(text)) {
    throw new Error(
      `${configFile}: cannot find the example's "store: use: sqlite" block to replace for --replicas`,
    );
  }
  // A second channel gives three lanes (two channels and email), so every replica has one to send on.
  const lanes = text.replace('channelNames: ["#tq-alerts"]', 'channelNames: ["#tq-alerts", "#general"]');
  writeFileSync(
    configFile,
    lanes.replace(
      SQLITE_STORE,
      [
        '# --replicas: every worker shares this PostgreSQL store (an embedded server the demo started).',
        'store:',
        '  use: postgres',
        '  options:',
        // An environment reference the worker fills in (not a template placeholder here).
        `    url: ${'$'}{TQALERT_DEMO_DATABASE_URL}`,
        '    leases: { ttlMs: 5000, claimMs: 15000 }',
        '',
      ].join('\n'),
    ),
  );
}

/** An embedded PostgreSQL for the demo (started only with --replicas above 1). */
export async function startDemoDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const { startEmbeddedServer } = await import('@tqalert/store-postgres/embedded');
  return startEmbeddedServer();
}
