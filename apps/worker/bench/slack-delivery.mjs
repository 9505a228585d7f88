// Slack delivery at the limit, THROUGH THE WORKER BINARY (outbox → lanes → Slack) and, in the same run on the
// same fake, through a plain @slack/web-api WebClient loop (one sequential loop per channel, WebClient's own
// 429 handling). The Slack fake (served on loopback) answers HTTP 429 with Retry-After: 1 above its
// per-channel limit.
//
// Measured per side: elapsed = first chat.postMessage request → last accepted message, as seen by the fake;
// ideal = messages per channel / rate per channel; ratio = elapsed / ideal; 429 answers; lost and duplicated
// alerts (every channel must hold every alert exactly once). Asserts nothing; ends with one JSON line per
// scenario. Targets (issue 10): worker ≤ 1.05 × ideal, 0 lost, 0 duplicated, 429s ≤ 1% of messages.
//
// Usage: pnpm --filter @tqalert/worker run build && node apps/worker/bench/slack-delivery.mjs [20ps|1ps]
// BENCH_SYNC=normal runs the worker's SQLite store with synchronous=normal (default: full).
import { WebClient } from '@slack/web-api';
import { createSlackFake, SLACK_TOKEN, serve } from '@tqalert/fixtures';
import { LIST_SOURCE, report, round, runWorker, sandbox, slackNotifier, writeConfig } from './bench-kit.mjs';

const SCENARIOS = {
  // 2,000 messages: 200 alerts to each of 10 channels at 20/s per channel (ideal 10 s).
  '20ps': { channels: 10, perChannel: 200, rate: 20 },
  // Slack's real limit: 10 channels × 30 messages at 1/s per channel (ideal 30 s).
  '1ps': { channels: 10, perChannel: 30, rate: 1 },
};

const channelNames = (count) =>
  Array.from({ length: count }, (_, i) => `bench-${String(i).padStart(2, '0')}`);

/** Elapsed, 429s, lost and duplicated, from what the fake saw. */
function measure(fake, scenario, names) {
  const posts = fake.requests.filter((r) => r.apiMethod === 'chat.postMessage');
  const accepted = posts.filter((r) => r.status === 200);
  const first = Math.min(...posts.map((r) => Date.parse(r.at)));
  const last = Math.max(...accepted.map((r) => Date.parse(r.at)));
  let lost = 0;
  let duplicated = 0;
  for (const name of names) {
    const seen = new Map();
    for (const message of fake.state.messagesIn(name)) {
      const n = /bench alert (\d+)\b/.exec(String(message.text))?.[1];
      if (n !== undefined) seen.set(n, (seen.get(n) ?? 0) + 1);
    }
    for (let i = 0; i < scenario.perChannel; i++) {
      const times = seen.get(String(i)) ?? 0;
      if (times === 0) lost += 1;
      if (times > 1) duplicated += times - 1;
    }
  }
  const messages = scenario.channels * scenario.perChannel;
  const idealS = scenario.perChannel / scenario.rate;
  const elapsedS = (last - first) / 1000;
  const rateLimited = posts.filter((r) => r.status === 429).length;
  return {
    elapsedS: round(elapsedS),
    ratio: round(elapsedS / idealS, 3),
    rateLimited,
    rateLimitedPercent: round((rateLimited / messages) * 100),
    lost,
    duplicated,
  };
}

async function throughWorker(served, scenario, names) {
  const box = sandbox('slack');
  try {
    const alerts = Array.from({ length: scenario.perChannel }, (_, i) => ({
      id: `b${i}`,
      type: 'DATA_COLLECTION',
      service: 'feed',
      title: `bench alert ${i}`,
      object: { collection: 'indicators', id: i + 1, value: `198.51.100.${i % 255}` },
      occurredAt: '2026-11-23T10:00:00Z',
      score: 5,
    }));
    const storeOptions = process.env.BENCH_SYNC ? { synchronous: process.env.BENCH_SYNC } : {};
    const config = writeConfig(
      box,
      {
        notifiers: [
          slackNotifier(served, {
            channelNames: names,
            ratePerChannelPerSecond: scenario.rate,
            // The workspace-wide post limit is the operator's to set; here it must not be the bottleneck.
            workspacePostsPerMinute: Math.max(600, Math.ceil(scenario.rate * scenario.channels * 60 * 1.2)),
          }),
        ],
        services: [
          {
            id: 'feed',
            use: LIST_SOURCE,
            every: '1h',
            options: { file: box.write('alerts.json', alerts), batch: 100_000 },
            routes: [{ notify: ['slack'] }],
          },
        ],
      },
      storeOptions,
    );
    const run = await runWorker(['--config', config, '--once', '--max-wait', '10m']);
    if (run.code !== 0)
      throw new Error(`the worker exited ${run.code}:\n${run.stdout}\n${run.stderr.slice(-3000)}`);
    return { ...measure(served.fake, scenario, names), wallS: round(run.ms / 1000) };
  } finally {
    box.remove();
  }
}

async function webClientLoop(served, scenario, names) {
  const client = new WebClient(SLACK_TOKEN, { slackApiUrl: `${served.url}/api/`, logLevel: 'error' });
  const ids = names.map((name) => served.fake.state.findChannel(name).id);
  await Promise.all(
    ids.map(async (channel) => {
      for (let i = 0; i < scenario.perChannel; i++) {
        await client.chat.postMessage({ channel, text: `bench alert ${i}`, unfurl_links: false });
      }
    }),
  );
  return measure(served.fake, scenario, names);
}

async function runScenario(key) {
  const scenario = SCENARIOS[key];
  const names = channelNames(scenario.channels);
  const served = await serve((url) =>
    createSlackFake({
      baseUrl: `${url}/api/`,
      rateLimitPerChannelPerSecond: scenario.rate,
      channels: names.map((name) => ({ name })),
    }),
  );
  try {
    const worker = await throughWorker(served, scenario, names);
    served.fake.reset();
    const webClient = await webClientLoop(served, scenario, names);
    const messages = scenario.channels * scenario.perChannel;
    console.log(
      `slack ${key}: ${messages} messages to ${scenario.channels} channels at ${scenario.rate}/s (ideal ${scenario.perChannel / scenario.rate} s)`,
    );
    console.log(`  worker:          ${JSON.stringify(worker)}`);
    console.log(`  WebClient loop:  ${JSON.stringify(webClient)}`);
    report(`slack-${key}`, {
      messages,
      channels: scenario.channels,
      ratePerChannel: scenario.rate,
      idealS: scenario.perChannel / scenario.rate,
      worker,
      webClient,
    });
  } finally {
    await served.close();
  }
}

const only = process.argv[2];
for (const key of Object.keys(SCENARIOS)) if (!only || only === key) await runScenario(key);
