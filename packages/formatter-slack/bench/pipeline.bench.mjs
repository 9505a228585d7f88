#!/usr/bin/env node
/**
 * Pipeline bench: 100,000 alerts → validate (`createAlert`) → Slack format (one message per alert) → JSON
 * serialise, as the worker does for each delivery. Prints alerts per second, peak RSS, and for reference the
 * rate of a bare `JSON.stringify` of the same alert inputs; then one JSON line for a root bench runner:
 * `{"bench":"pipeline","alertsPerSecond":…,"peakRssMb":…}`.
 *
 * The inputs cycle through 1,000 varied templates (indicators as FQDN, IP, URL and email; titles and summaries
 * that repeat the indicator and carry other URLs, domains and mrkdwn; changes, sources, tags, fields), each with
 * its own id per cycle, so memory stays that of the pipeline and not of a pre-built array of 100,000 alerts.
 *
 * Target (issue 10): ≥ 50,000 alerts/s and ≤ 200 MB peak RSS. Run after `pnpm run build` (it imports the built
 * packages): `pnpm run bench`. `BENCH_ALERTS=20000 pnpm run bench` for a shorter run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { createAlert } from '@tqalert/core';
import { SlackFormatter } from '../dist/index.js';

const COUNT = Number(process.env.BENCH_ALERTS ?? 100_000);
const TEMPLATES = 1_000;
const WARMUP = 5_000;
const TARGET = { alertsPerSecond: 50_000, peakRssMb: 200 };

const KINDS = [
  (i) => ({ value: `login-${i}.portal-secure.com`, type: 'FQDN' }),
  (i) => ({ value: `203.0.${i % 256}.${(i * 7) % 256}`, type: 'IP Address' }),
  (i) => ({ value: `https://cdn-${i}.evil-mirror.net/path/${i}/payload.php?id=${i}`, type: 'URL' }),
  (i) => ({ value: `billing${i}@invoices-${i}.co.uk`, type: 'Email Address' }),
];
const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];

/** One varied alert input, as a service hands it over before validation. */
function template(i) {
  const indicator = KINDS[i % KINDS.length](i);
  return {
    id: `watchlist|indicators:${i}|score`,
    type: 'WATCHLIST',
    service: 'watchlist',
    object: {
      collection: 'indicators',
      id: i,
      value: indicator.value,
      type: indicator.type,
      link: `https://threatq.example.com/indicators/${i}/details`,
    },
    title: `Watched indicator ${indicator.value} score raised from ${i % 5} to ${(i % 5) + 4}`,
    summary: `Reported by *Feed ${i % 9}* after a sighting at http://stage-${i}.drop-zone.io/x.js; see www.vendor-${i % 13}.com for context (v1.2, _build_ ${i}).`,
    severity: SEVERITIES[i % SEVERITIES.length],
    score: (i % 5) + 4,
    changes: [
      { field: 'score', before: i % 5, after: (i % 5) + 4 },
      { field: 'sources', before: ['Feed A'], after: ['Feed A', `Feed ${i % 9}`] },
      { field: 'tags', before: ['phishing'], after: ['phishing', 'c2'] },
    ],
    sources: ['Feed A', `Feed ${i % 9}`, 'OSINT <team>'],
    tags: ['phishing', 'c2', `campaign-${i % 17}`],
    tlp: i % 2 === 0 ? 'AMBER' : 'GREEN',
    occurredAt: new Date(Date.UTC(2026, 2, 1, 12, 0, i % 3600)).toISOString(),
    fields: { Status: 'Active', 'First seen': '2026-02-28T10:00:00Z', Resolves: `198.51.100.${i % 256}` },
  };
}

const templates = Array.from({ length: TEMPLATES }, (_, i) => template(i));
const inputAt = (n) => {
  const base = templates[n % TEMPLATES];
  return { ...base, id: `${base.id}|${n}` };
};

const formatter = new SlackFormatter({ type: 'WATCHLIST' });

function pipeline(count) {
  let bytes = 0;
  for (let n = 0; n < count; n++) {
    const alert = createAlert(inputAt(n));
    const message = formatter.format([alert], 'WATCHLIST');
    bytes += JSON.stringify(message).length;
  }
  return bytes;
}

function bareStringify(count) {
  let bytes = 0;
  for (let n = 0; n < count; n++) bytes += JSON.stringify(inputAt(n)).length;
  return bytes;
}

/**
 * Wall-clock rate, and the rate per second of this process's CPU time: on a machine shared with other work the
 * second is what the code costs (the wall clock also counts time spent waiting for a core).
 */
function timed(run, count) {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const bytes = run(count);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    perSecond: Math.round(count / seconds),
    perCpuSecond: Math.round(count / cpuSeconds),
    seconds,
    bytes,
  };
}

pipeline(WARMUP);
bareStringify(WARMUP);
const bare = timed(bareStringify, COUNT);
const piped = timed(pipeline, COUNT);
const peakRssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;

const n = (value) => value.toLocaleString('en-US');
console.log(`@tqalert/formatter-slack pipeline bench, Node ${process.version}, ${n(COUNT)} alerts`);
console.log(
  `  validate → format → serialise: ${n(piped.perSecond)} alerts/s (${piped.seconds.toFixed(2)} s, ${n(piped.bytes)} bytes of JSON); per CPU second ${n(piped.perCpuSecond)}`,
);
console.log(
  `  bare JSON.stringify of the same inputs: ${n(bare.perSecond)} alerts/s; per CPU second ${n(bare.perCpuSecond)} (pipeline ${(bare.perSecond / piped.perSecond).toFixed(1)}× slower)`,
);
console.log(
  `  load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
console.log(`  peak RSS: ${peakRssMb} MB`);
const met = piped.perSecond >= TARGET.alertsPerSecond && peakRssMb <= TARGET.peakRssMb;
console.log(
  `  target ≥ ${n(TARGET.alertsPerSecond)} alerts/s and ≤ ${TARGET.peakRssMb} MB: ${met ? 'met' : 'NOT met'}`,
);
console.log(
  JSON.stringify({
    bench: 'pipeline',
    alertsPerSecond: piped.perSecond,
    peakRssMb,
    alertsPerCpuSecond: piped.perCpuSecond,
    bareStringifyPerSecond: bare.perSecond,
    alerts: COUNT,
  }),
);
