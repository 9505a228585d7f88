// Deliveries per second through the worker binary and a shared PostgreSQL store, with 1 and with 3 replicas,
// when Slack is not the limit (many channels, a fast pace): how much the store and the lanes let through.
// Uses TQALERT_TEST_POSTGRES_URL when set, else an embedded PostgreSQL. Prints a table and one JSON line.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSlackFake, SLACK_TOKEN, serve } from '@tqalert/fixtures';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const PLUGINS = fileURLToPath(new URL('../test/plugins/', import.meta.url));
const ALERTS = Number(process.env.BENCH_REPLICA_ALERTS ?? 3000);
const CHANNELS = 30;

async function database() {
  if (process.env.TQALERT_TEST_POSTGRES_URL)
    return { url: process.env.TQALERT_TEST_POSTGRES_URL, stop: async () => {} };
  const { startEmbeddedServer } = await import('@tqalert/store-postgres/embedded');
  return startEmbeddedServer();
}

async function run(replicas, dbUrl) {
  const channels = Array.from({ length: CHANNELS }, (_, i) => ({
    id: `C0BENCH${String(i).padStart(4, '0')}`,
    name: `b-${i}`,
  }));
  const slack = await serve((url) =>
    createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: false, channels }),
  );
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-bench-replicas-'));
  const alertsFile = join(dir, 'alerts.json');
  writeFileSync(
    alertsFile,
    JSON.stringify(
      Array.from({ length: ALERTS }, (_, i) => ({
        id: `a${i + 1}`,
        type: 'DATA_COLLECTION',
        service: 'feed',
        title: `Indicator ${i + 1}`,
        occurredAt: '2026-11-23T10:00:00Z',
        tags: [`ch${i % CHANNELS}`],
      })),
    ),
  );
  const config = join(dir, 'tqalert.json');
  writeFileSync(
    config,
    JSON.stringify({
      store: {
        use: 'postgres',
        options: {
          url: dbUrl,
          schema: `bench_${replicas}_${Date.now().toString(36)}`,
          leases: { ttlMs: 3000, claimMs: 15000 },
        },
      },
      server: { enabled: false },
      log: { level: 'error', format: 'json' },
      notifiers: channels.map((c, i) => ({
        id: `s${i}`,
        use: 'slack',
        options: {
          token: SLACK_TOKEN,
          channelNames: [`#${c.name}`],
          slackApiUrl: `${slack.url}/api/`,
          ratePerChannelPerSecond: 50,
          burstPerChannel: 5,
        },
      })),
      services: [
        {
          id: 'feed',
          use: join(PLUGINS, 'list-source.mjs'),
          every: '100ms',
          options: { file: alertsFile, batch: 1000 },
          routes: channels.map((_, i) => ({ notify: [`s${i}`], when: { tags: [`ch${i}`] } })),
        },
      ],
      pipeline: { dispatch: { interval: '20ms', batchSize: 50 } },
    }),
  );
  const started = Date.now();
  const children = Array.from({ length: replicas }, () =>
    spawn(process.execPath, [BIN, '--config', config], { stdio: ['ignore', 'ignore', 'inherit'] }),
  );
  while (slack.fake.state.messages.length < ALERTS && Date.now() - started < 300_000)
    await new Promise((r) => setTimeout(r, 50));
  const seconds = (Date.now() - started) / 1000;
  const delivered = slack.fake.state.messages.length;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => c.on('exit', r))));
  await slack.close();
  return { replicas, delivered, seconds, perSecond: Math.round(delivered / seconds) };
}

const db = await database();
try {
  const one = await run(1, db.url);
  const three = await run(3, db.url);
  console.log(
    `replicas bench: ${ALERTS} alerts to ${CHANNELS} channels (Slack not the limit), PostgreSQL store`,
  );
  console.log('replicas  delivered  seconds  deliveries/s');
  for (const r of [one, three])
    console.log(
      `${String(r.replicas).padEnd(9)} ${String(r.delivered).padEnd(10)} ${r.seconds.toFixed(1).padEnd(8)} ${r.perSecond}`,
    );
  console.log(
    JSON.stringify({
      bench: 'replicas',
      alerts: ALERTS,
      channels: CHANNELS,
      oneReplicaPerSecond: one.perSecond,
      threeReplicasPerSecond: three.perSecond,
      ratio: Number((three.perSecond / one.perSecond).toFixed(2)),
    }),
  );
} finally {
  await db.stop();
}
