/**
 * Three worker replicas (the real binary) on one PostgreSQL, while replicas are SIGKILLed (and restarted) and
 * paused with SIGSTOP past their lease (then SIGCONT): every alert reaches every destination, duplicates stay
 * within the sends in flight at a kill or pause, no Slack channel is sent to faster than its limit, and the
 * epoch log shows one poller per service at a time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createSlackFake, type ServedFake, SLACK_TOKEN, type SlackFake, serve } from '@tqalert/fixtures';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, BIN, makeSandbox, PLUGINS } from '../test-support.js';
import { postgresForTests } from './postgres-for-tests.js';
import { report } from './report.js';

const ALERTS = 2000;
const CHANNELS = 10;
const KILLS = 30;
const PAUSES = 5;
const RATE = 20;
const LEASE_MS = 2000;

let slack: ServedFake<SlackFake>;
let smtp: SmtpSink;
let postgres: Awaited<ReturnType<typeof postgresForTests>>;

beforeAll(async () => {
  // No pacing in the fake: the test itself measures each channel's rate from what arrived.
  slack = await serve((url) =>
    createSlackFake({
      baseUrl: `${url}/api/`,
      rateLimitPerChannelPerSecond: false,
      channels: Array.from({ length: CHANNELS }, (_, i) => ({
        id: `C0HA${String(i).padStart(7, '0')}`,
        name: `ha-${i}`,
      })),
    }),
  );
  smtp = await startSmtpSink();
  postgres = await postgresForTests();
}, 60_000);
afterAll(async () => {
  await slack?.close();
  await smtp?.close();
  await postgres?.stop();
});

interface Replica {
  child: ChildProcess;
  exited: Promise<number | null>;
  log: string;
}

function start(config: string, logs: string[]): Replica {
  const child = spawn(process.execPath, [BIN, '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const replica: Replica = {
    child,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    log: '',
  };
  child.stderr?.on('data', (chunk: Buffer) => {
    replica.log += chunk.toString();
  });
  child.on('exit', () => logs.push(replica.log));
  return replica;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The most messages any channel accepted within one second. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let peak = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while ((sorted[to] as number) - (sorted[from] as number) >= 1000) from += 1;
    peak = Math.max(peak, to - from + 1);
  }
  return peak;
}

describe('reliability: three replicas on PostgreSQL, killed and paused', () => {
  it(`delivers ${ALERTS} alerts to Slack and email across ${KILLS} SIGKILLs and ${PAUSES} pauses`, async () => {
    const sb = makeSandbox();
    sb.writeAlerts(Array.from({ length: ALERTS }, (_, i) => alert(i + 1, { tags: [`ch${i % CHANNELS}`] })));
    const notifiers = Array.from({ length: CHANNELS }, (_, i) => ({
      id: `slack-${i}`,
      use: 'slack',
      options: {
        token: SLACK_TOKEN,
        channelNames: [`#ha-${i}`],
        slackApiUrl: `${slack.url}/api/`,
        ratePerChannelPerSecond: RATE,
      },
    }));
    const config = sb.writeConfig({
      store: {
        use: 'postgres',
        options: {
          url: postgres.url,
          schema: `ha_${Date.now().toString(36)}`,
          leases: { ttlMs: LEASE_MS, claimMs: 5000 },
        },
      },
      server: { enabled: false },
      log: { level: 'info', format: 'json' },
      notifiers: [
        ...notifiers,
        {
          id: 'mail',
          use: 'email',
          options: { host: smtp.host, port: smtp.port, from: 'tq@example.com', to: ['soc@example.com'] },
        },
      ],
      services: [
        {
          id: 'feed',
          use: join(PLUGINS, 'list-source.mjs'),
          every: '200ms',
          options: { file: sb.alertsFile, batch: 250 },
          routes: [
            ...Array.from({ length: CHANNELS }, (_, i) => ({
              notify: [`slack-${i}`],
              when: { tags: [`ch${i}`] },
            })),
            { notify: ['mail'] },
          ],
        },
      ],
      pipeline: { dispatch: { interval: '50ms', batchSize: 20, baseDelay: '50ms', maxDelay: '500ms' } },
    });

    const logs: string[] = [];
    const replicas: Replica[] = [start(config, logs), start(config, logs), start(config, logs)];
    let kills = 0;
    let pauses = 0;
    const events: string[] = [];
    // Chaos: a kill every ~0.8 s, and a pause longer than the lease every sixth step.
    for (let step = 0; kills < KILLS || pauses < PAUSES; step++) {
      await sleep(600 + Math.floor(Math.random() * 400));
      const index = Math.floor(Math.random() * replicas.length);
      const victim = replicas[index] as Replica;
      if (step % 7 === 6 && pauses < PAUSES) {
        victim.child.kill('SIGSTOP');
        await sleep(LEASE_MS * 2);
        victim.child.kill('SIGCONT');
        pauses += 1;
        events.push(`pause ${index}`);
      } else if (kills < KILLS) {
        victim.child.kill('SIGKILL');
        await victim.exited;
        replicas[index] = start(config, logs);
        kills += 1;
        events.push(`kill ${index}`);
      }
    }
    // Done when every alert arrived at least once: counting messages would stop early when a repeated send (one in
    // flight at a kill) makes up the number while another alert still waits in the outbox.
    const idOf = (text: string | undefined) => /Indicator (\d+)\b/.exec(text ?? '')?.[1];
    const arrived = (texts: Array<string | undefined>) => new Set(texts.map(idOf).filter(Boolean)).size;
    const done = () =>
      arrived(slack.fake.state.messages.map((m) => m.text)) >= ALERTS &&
      arrived(smtp.messages.map((m) => m.subject)) >= ALERTS;
    const deadline = Date.now() + 180_000;
    while (!done() && Date.now() < deadline) await sleep(250);
    await sleep(1000);
    for (const r of replicas) r.child.kill('SIGTERM');
    const codes = await Promise.all(replicas.map((r) => r.exited));

    // Every alert in its channel and by email; duplicates counted.
    const slackIds = slack.fake.state.messages.map((m) => idOf(m.text));
    const mailIds = smtp.messages.map((m) => idOf(m.subject));
    const missingSlack = ALERTS - new Set(slackIds).size;
    const missingMail = ALERTS - new Set(mailIds).size;
    const duplicates = slackIds.length - new Set(slackIds).size + (mailIds.length - new Set(mailIds).size);
    const wrongChannel = slack.fake.state.messages.filter((m) => {
      const n = Number(/Indicator (\d+)\b/.exec(m.text ?? '')?.[1]);
      return m.channel !== `C0HA${String((n - 1) % CHANNELS).padStart(7, '0')}`;
    }).length;
    const peaks = Array.from({ length: CHANNELS }, (_, i) =>
      peakPerSecond(slack.fake.state.messagesIn(`ha-${i}`).map((m) => Number(m.ts) * 1000)),
    );

    // The epoch log: every committed poll with its replica and epoch, in time order.
    const commits = logs
      .flatMap((log) => log.split('\n'))
      .filter((line) => line.includes('"msg":"poll committed"'))
      .map((line) => JSON.parse(line) as { preparedAt: string; owner: string; epoch: number })
      // In the order of the commits: each was prepared before its fenced commit, which came before the next
      // owner took the lease (the log line's own time can come later, after a pause).
      .sort((a, b) => Date.parse(a.preparedAt) - Date.parse(b.preparedAt));
    const ownersByEpoch = new Map<number, Set<string>>();
    for (const c of commits)
      ownersByEpoch.set(c.epoch, (ownersByEpoch.get(c.epoch) ?? new Set()).add(c.owner));
    const epochsShared = [...ownersByEpoch.values()].filter((owners) => owners.size > 1).length;
    const epochsBackwards = commits.filter((c, i) => i > 0 && c.epoch < (commits[i - 1]?.epoch ?? 0)).length;

    report('replicas', {
      alerts: ALERTS,
      replicas: 3,
      kills,
      pauses,
      slackMessages: slackIds.length,
      emails: mailIds.length,
      missingSlack,
      missingMail,
      duplicates,
      wrongChannel,
      peakPerChannelPerSecond: Math.max(...peaks),
      pollCommits: commits.length,
      epochs: ownersByEpoch.size,
      epochsShared,
      epochsBackwards,
    });
    expect(codes).toEqual([0, 0, 0]);
    expect(missingSlack).toBe(0);
    expect(missingMail).toBe(0);
    expect(wrongChannel).toBe(0);
    // Only a send in flight at a kill or pause may be repeated: at most one per lane (11) per event.
    expect(duplicates).toBeLessThanOrEqual((KILLS + PAUSES) * (CHANNELS + 1));
    // One lane, one replica: a channel never receives faster than its pace (plus a burst at a hand-over).
    expect(Math.max(...peaks)).toBeLessThanOrEqual(RATE + 2);
    expect(commits.length).toBeGreaterThan(0);
    expect(epochsShared).toBe(0);
    expect(epochsBackwards).toBe(0);
  }, 420_000);
});
