// A soak: the worker binary polling a ThreatQ data collection every second while 10 of its indicators change
// each second (10 new alerts/s), each delivered to Slack and by email, for BENCH_SOAK_MINUTES (default 2; the
// full run is 60). The worker's resident memory (VmRSS) is sampled every 5 s; reported: peak, the mean of the
// last half, and the slope over the last half (MB per minute, least squares). Targets (issue 10): flat (no
// upward trend over the last half) and at most 150 MB. Also reported: the worker's CPU seconds per minute (the
// machine may be shared: CPU time is steadier than wall-clock). Asserts nothing; ends with one JSON line.
import { createSlackFake, createThreatQFake, serve, THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { startSmtpSink } from '@tqalert/testkit';
import {
  cpuSeconds,
  report,
  round,
  rssMb,
  sandbox,
  slackNotifier,
  startWorker,
  threatqSection,
  writeConfig,
} from './bench-kit.mjs';

const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 2);
const PER_SECOND = 10;
const OBJECTS = 5000;
const SAMPLE_MS = 5000;

const threatq = await serve((url) => createThreatQFake({ baseUrl: url, objectCount: OBJECTS, seed: 'soak' }));
const slack = await serve((url) =>
  createSlackFake({ baseUrl: `${url}/api/`, rateLimitPerChannelPerSecond: 20 }),
);
const smtp = await startSmtpSink();
const box = sandbox('soak');
const config = writeConfig(box, {
  threatq: threatqSection(threatq),
  notifiers: [
    // Slack's workspace-wide budget for chat.postMessage defaults to 600 a minute: exactly this bench's rate, so
    // raised here (the fake enforces only the per-channel limit) to measure the worker, not a growing backlog.
    slackNotifier(slack, {
      channelNames: ['#tq-alerts'],
      ratePerChannelPerSecond: 20,
      workspacePostsPerMinute: 1200,
    }),
    {
      id: 'mail',
      use: 'email',
      options: { host: smtp.host, port: smtp.port, from: 'tq@example.com', to: ['soc@example.com'] },
    },
  ],
  services: [
    {
      id: 'changes',
      use: 'data-collection',
      every: '1s',
      options: { hash: THREATQ_DATA_COLLECTIONS.everything, name: 'Everything', overlap: '10s' },
      routes: [{ notify: ['slack', 'mail'] }],
    },
  ],
});

/** Least-squares slope of `points` ({t: minutes, mb}) in MB per minute. */
function slope(points) {
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mm = points.reduce((s, p) => s + p.mb, 0) / n;
  const num = points.reduce((s, p) => s + (p.t - mt) * (p.mb - mm), 0);
  const den = points.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const worker = startWorker(config);
const started = Date.now();
const samples = [];
let cpu;
let changed = 0;
let slackSeen = 0;
let mailSeen = 0;
const changer = setInterval(() => {
  for (let i = 0; i < PER_SECOND; i++) {
    const id = (changed % OBJECTS) + 1;
    changed += 1;
    threatq.fake.state.update('indicators', id, (o) => {
      o.manualScore = ((o.manualScore ?? 0) % 10) + 1; // 1..10: always a change, never a 0
    });
  }
}, 1000);
const sampler = setInterval(() => {
  const mb = rssMb(worker.pid);
  if (mb !== undefined) samples.push({ t: (Date.now() - started) / 60_000, mb });
  cpu = cpuSeconds(worker.pid) ?? cpu;
  // Keep the stand-ins small: count what arrived, then forget it. Slack messages stay (without their text), since
  // a later alert about the same object replies in its thread: a forgotten parent would turn every reply into a
  // failed call and a new post, twice the calls of a real workspace.
  const messages = slack.fake.state.messages;
  for (let i = slackSeen; i < messages.length; i++) {
    const m = messages[i];
    m.text = '';
    m.blocks = undefined;
  }
  slackSeen = messages.length;
  slack.fake.requests.length = 0;
  threatq.fake.requests.length = 0;
  mailSeen += smtp.messages.length;
  smtp.messages.length = 0;
}, SAMPLE_MS);
try {
  await new Promise((r) => setTimeout(r, MINUTES * 60_000));
} finally {
  clearInterval(changer);
  clearInterval(sampler);
  await worker.stop();
  await threatq.close();
  await slack.close();
  await smtp.close();
  box.remove();
}
const lastHalf = samples.filter((s) => s.t >= MINUTES / 2);
const result = {
  minutes: MINUTES,
  alertsPerSecond: PER_SECOND,
  changes: changed,
  slackMessages: slackSeen,
  emails: mailSeen,
  peakMb: round(Math.max(...samples.map((s) => s.mb)), 1),
  lastHalfMeanMb: round(lastHalf.reduce((s, p) => s + p.mb, 0) / Math.max(1, lastHalf.length), 1),
  lastHalfSlopeMbPerMin: round(slope(lastHalf), 2),
  workerCpuSecondsPerMin: round((cpu ?? Number.NaN) / Math.max(1e-9, samples.at(-1)?.t ?? 0), 2),
  samples: samples.length,
};
console.log(`soak ${MINUTES} min at ${PER_SECOND} alerts/s: ${JSON.stringify(result)}`);
report('soak', result);
