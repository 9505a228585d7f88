// End-to-end latency: a change to a watched ThreatQ object → its Slack message, through the worker binary with
// the watchlist service polling `every: 5s`. Changes come at random moments (0.8–1.6 s apart, so they fall at
// every phase of the poll), each to a different watched indicator; each is matched to the Slack message about
// that indicator and the score it set. Reports p50 and p95. Target (issue 10): p95 ≤ the interval + 1 s (6 s).
// The Slack fake allows 20 posts/s per channel here, so the number is the pipeline's, not Slack's pacing.
// BENCH_LATENCY_CHANGES (default 100; BENCH_QUICK=1: 30). Asserts nothing; ends with one JSON line.
import { createSlackFake, createThreatQFake, serve } from '@tqalert/fixtures';
import {
  percentile,
  report,
  round,
  sandbox,
  slackNotifier,
  startWorker,
  threatqSection,
  until,
  writeConfig,
} from './bench-kit.mjs';

const CHANGES = Number(process.env.BENCH_LATENCY_CHANGES ?? (process.env.BENCH_QUICK ? 30 : 100));
const INTERVAL_S = 5;
const WATCHED = Array.from({ length: 10 }, (_, i) => i + 1);

const threatq = await serve((url) =>
  createThreatQFake({ baseUrl: url, objectCount: 50, watched: WATCHED.map((id) => `indicators:${id}`) }),
);
const slack = await serve((url) =>
  createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: 20 }),
);
const box = sandbox('latency');
const config = writeConfig(box, {
  threatq: threatqSection(threatq),
  notifiers: [slackNotifier(slack, { channelNames: ['#tq-alerts'], ratePerChannelPerSecond: 20 })],
  services: [{ id: 'watchlist', use: 'watchlist', every: `${INTERVAL_S}s`, routes: [{ notify: ['slack'] }] }],
});

/**
 * When a message arrived, in epoch ms: the time the fake recorded its `chat.postMessage` call. (The fake's message
 * `ts` counts whole seconds, too coarse: a message in the same second as its change looked older than it.)
 */
const arrivedMs = (message) => {
  const call = slack.fake.requests.find(
    (r) => r.apiMethod === 'chat.postMessage' && r.status === 200 && r.params.text === message.text,
  );
  return call ? Date.parse(call.at) : Math.round(Number(message.ts) * 1000);
};
/** The message is about this change: its indicator's link, and the score it changed to ("… rose from 9 to 10"). */
const about = (message, change) =>
  JSON.stringify(message).includes(`/indicators/${change.id}/`) &&
  Number(/ to (\d+(?:\.\d+)?)\b/.exec(String(message.text))?.[1]) === change.score;

const worker = startWorker(config);
try {
  // The first poll records the baseline (no alerts); changes count from after it.
  await until(
    () => threatq.fake.requests.some((r) => r.path.startsWith('/api/watchlist')),
    60_000,
    'the first poll',
  );
  await until(
    () => threatq.fake.requests.filter((r) => r.path.startsWith('/api/indicators/')).length >= WATCHED.length,
    30_000,
    'the baseline',
  );
  await new Promise((r) => setTimeout(r, 1000));
  const changes = [];
  for (let k = 0; k < CHANGES; k++) {
    await new Promise((r) => setTimeout(r, 800 + Math.random() * 800));
    const id = WATCHED[k % WATCHED.length];
    const changed = threatq.fake.state.update('indicators', id, (o) => {
      o.manualScore = ((o.manualScore ?? 0) % 10) + 1; // 1..10: always a change, never a 0
    });
    changes.push({ id, score: changed.manualScore, at: Date.now() });
  }
  // Each change matched to the first later message about its indicator; a change with none after 60 s is
  // counted as missed (reported, not hidden) rather than ending the bench.
  const latencies = [];
  let missed = [];
  const match = () => {
    latencies.length = 0;
    missed = [];
    const used = new Set();
    for (const change of changes) {
      const message = slack.fake.state.messages.find(
        (m) => !used.has(m) && about(m, change) && arrivedMs(m) >= change.at,
      );
      if (!message) {
        missed.push(change);
        continue;
      }
      used.add(message);
      latencies.push(arrivedMs(message) - change.at);
    }
    return missed.length === 0;
  };
  await until(match, 60_000, `a Slack message for each of ${CHANGES} changes`, 200).catch(() => {
    console.error(`no Slack message within 60 s for ${missed.length} change(s): ${JSON.stringify(missed)}`);
  });
  const p50 = round(percentile(latencies, 50) / 1000);
  const p95 = round(percentile(latencies, 95) / 1000);
  const max = round(Math.max(...latencies) / 1000);
  console.log(
    `latency over ${CHANGES} changes, every ${INTERVAL_S}s: p50 ${p50} s, p95 ${p95} s, max ${max} s`,
  );
  report('latency', {
    changes: CHANGES,
    missed: missed.length,
    intervalS: INTERVAL_S,
    p50S: p50,
    p95S: p95,
    maxS: max,
    targetP95S: INTERVAL_S + 1,
  });
} finally {
  await worker.stop();
  await threatq.close();
  await slack.close();
  box.remove();
}
