// Every bench of the repository: where it runs, and how its JSON line becomes rows of the one table, each with
// the target (issue 10) where it sets one. A bench prints any text, then one or more lines
// `{"bench":"<name>",...}`; `rows(results)` receives those lines by name.

const ratioRow = (what, side, r) => ({
  measure: `${what}: ${side === 'worker' ? 'through the worker' : 'plain WebClient loop'}`,
  value: `${r.ratio} × ideal (${r.elapsedS} s), ${r.rateLimited} × 429 (${r.rateLimitedPercent}%), lost ${r.lost}, dup ${r.duplicated}`,
  target: side === 'worker' ? '≤ 1.05 × ideal, 0 lost, 0 dup, 429s ≤ 1%' : '(comparison)',
  met:
    side === 'worker'
      ? r.ratio <= 1.05 && r.lost === 0 && r.duplicated === 0 && r.rateLimitedPercent <= 1
      : undefined,
});

const slackRows = (key, label) => (results) => {
  const r = results[key];
  return r ? [ratioRow(label, 'worker', r.worker), ratioRow(label, 'webClient', r.webClient)] : [];
};

/** The benches, in the order they run. `dir` is relative to the repository root. */
export const BENCHES = [
  {
    name: 'pipeline',
    dir: 'packages/formatter-slack',
    script: 'bench/pipeline.bench.mjs',
    rows: ({ pipeline: r }) => [
      {
        measure: 'pipeline: 100,000 alerts → validate → Slack format → serialise',
        value: `${r.alertsPerSecond.toLocaleString('en-US')} alerts/s, ${r.peakRssMb} MB peak (bare JSON.stringify ${r.bareStringifyPerSecond.toLocaleString('en-US')}/s)`,
        target: '≥ 50,000 alerts/s, ≤ 200 MB',
        met: r.alertsPerSecond >= 50_000 && r.peakRssMb <= 200,
      },
    ],
  },
  {
    name: 'slack-delivery',
    dir: 'apps/worker',
    script: 'bench/slack-delivery.mjs',
    rows: (results) => [
      ...slackRows('slack-20ps', 'Slack 2,000 msgs / 10 ch at 20/s (ideal 10 s)')(results),
      ...slackRows('slack-1ps', 'Slack 300 msgs / 10 ch at 1/s (ideal 30 s)')(results),
    ],
  },
  {
    name: 'threatq-memory',
    dir: 'packages/threatq-client',
    script: 'bench/paging-memory.mjs',
    rows: ({ 'threatq-memory': r }) => [
      {
        measure: 'ThreatQ streaming: reader peak RSS 10k vs 100k objects',
        value: `${r.peakMb10k} MB vs ${r.peakMb100k} MB (ratio ${r.ratio}), ${r.objectsPerSecond100k.toLocaleString('en-US')} objects/s`,
        target: 'ratio ≤ 1.25',
        met: r.ratio <= 1.25,
      },
    ],
  },
  {
    name: 'store-sqlite',
    dir: 'packages/store-sqlite',
    script: 'bench/outbox.mjs',
    rows: ({ 'store-sqlite': r }) => [
      {
        measure: 'store sqlite: claim + markSent (synchronous full / normal)',
        value: `${r.full.claimAndMarkPerSecond.toLocaleString('en-US')}/s / ${r.normal.claimAndMarkPerSecond.toLocaleString('en-US')}/s; commitPoll ${r.full.commitPerSecond.toLocaleString('en-US')}/s`,
        target: '(report)',
      },
    ],
  },
  {
    name: 'store-postgres',
    dir: 'packages/store-postgres',
    script: 'bench/claim-throughput.mjs',
    rows: ({ 'store-postgres': r }) => [
      {
        measure: `store postgres (${r.server}): claim + markSent`,
        value: `${r.storePerSecond.toLocaleString('en-US')}/s (3 replicas ${r.store3ReplicasPerSecond.toLocaleString('en-US')}/s; raw pg ${r.rawPerSecond.toLocaleString('en-US')}/s)`,
        target: '(report)',
      },
    ],
  },
  {
    name: 'replicas',
    dir: 'apps/worker',
    script: 'bench/replicas.bench.mjs',
    rows: ({ replicas: r }) => [
      {
        measure: `worker replicas on postgres: ${r.alerts} alerts, ${r.channels} channels`,
        value: `1 replica ${r.oneReplicaPerSecond}/s, 3 replicas ${r.threeReplicasPerSecond}/s (× ${r.ratio})`,
        target: '(report)',
      },
    ],
  },
  {
    name: 'cli-startup',
    dir: 'apps/cli',
    script: 'bench/startup.mjs',
    rows: ({ 'cli-startup': r }) => [
      {
        measure: 'CLI start-up: tqalert --version / one iZoologic action (median)',
        value: `${r.versionMedianMs} ms / ${r.actionMedianMs} ms`,
        target: '< 150 ms / < 300 ms',
        met: r.versionMedianMs < 150 && r.actionMedianMs < 300,
      },
    ],
  },
  {
    name: 'latency',
    dir: 'apps/worker',
    script: 'bench/latency.mjs',
    rows: ({ latency: r }) => [
      {
        measure: `latency ThreatQ change → Slack, every ${r.intervalS}s, ${r.changes} changes`,
        value: `p50 ${r.p50S} s, p95 ${r.p95S} s (max ${r.maxS} s); ${r.missed} change(s) without a message`,
        target: `p95 ≤ ${r.targetP95S} s, none missed`,
        met: r.p95S <= r.targetP95S && r.missed === 0,
      },
    ],
  },
  {
    name: 'soak',
    dir: 'apps/worker',
    script: 'bench/soak.mjs',
    rows: ({ soak: r }) => [
      {
        measure: `soak ${r.minutes} min at ${r.alertsPerSecond} alerts/s to Slack + email (worker RSS)`,
        value: `peak ${r.peakMb} MB, last half ${r.lastHalfMeanMb} MB, slope ${r.lastHalfSlopeMbPerMin} MB/min; ${r.slackMessages} Slack, ${r.emails} emails`,
        // The slope of a short soak's last half is the worker warming up: flatness is judged on a long run only.
        target:
          r.minutes >= 30
            ? '≤ 150 MB, flat (slope ≤ 0.5 MB/min)'
            : '≤ 150 MB (flat: judged with BENCH_SOAK_MINUTES=60)',
        met: r.peakMb <= 150 && (r.minutes < 30 || r.lastHalfSlopeMbPerMin <= 0.5),
      },
    ],
  },
];
