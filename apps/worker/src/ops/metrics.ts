/**
 * The worker's Prometheus metrics, on `prom-client`. Every series is declared up front in {@link CATALOG} and
 * primed at 0 for every service, notifier and lane the config names (see {@link Metrics.prime}), so a scraper
 * sees `tqalert_rate_limited_total 0` before the first 429 instead of no series at all.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

interface SeriesSpec {
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  labels: readonly string[];
  buckets?: number[];
}

/** Every series the worker exports: name → type, help and label names. */
export const CATALOG = {
  tqalert_polls_total: { type: 'counter', help: 'Service polls started', labels: ['service'] },
  tqalert_poll_failures_total: {
    type: 'counter',
    help: 'Polls that failed (nothing committed)',
    labels: ['service', 'reason'],
  },
  tqalert_poll_duration_seconds: {
    type: 'histogram',
    help: 'How long one poll took, fetch to commit',
    labels: ['service'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
  },
  tqalert_alerts_total: { type: 'counter', help: 'Alerts found by services', labels: ['service'] },
  tqalert_alerts_suppressed_total: {
    type: 'counter',
    help: 'Alerts not delivered on purpose, by reason',
    labels: ['service', 'reason'],
  },
  tqalert_records_rejected_total: {
    type: 'counter',
    help: 'Upstream records kept in dead letters instead of alerting',
    labels: ['service'],
  },
  tqalert_last_success_timestamp_seconds: {
    type: 'gauge',
    help: 'Last successful poll per service (unix seconds)',
    labels: ['service'],
  },
  tqalert_deliveries_sent_total: {
    type: 'counter',
    help: 'Deliveries accepted by their target',
    labels: ['notifier', 'destination'],
  },
  tqalert_delivery_retries_total: {
    type: 'counter',
    help: 'Failed sends scheduled again (whatever the later outcome)',
    labels: ['notifier', 'destination'],
  },
  tqalert_deliveries_failed_total: {
    type: 'counter',
    help: 'Deliveries moved to dead letters',
    labels: ['notifier', 'reason'],
  },
  tqalert_rate_limited_total: {
    type: 'counter',
    help: 'Sends a target answered with rate limiting (HTTP 429 or equivalent), counted whether or not the send later succeeded',
    labels: ['notifier', 'destination'],
  },
  tqalert_lane_failures_total: {
    type: 'counter',
    help: 'Sends that failed for the whole lane (unknown destination, refused credentials), lane held with backoff',
    labels: ['notifier', 'destination', 'kind'],
  },
  tqalert_delivery_latency_seconds: {
    type: 'histogram',
    help: 'From enqueue to sent, per lane',
    labels: ['notifier', 'destination'],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600],
  },
  tqalert_outbox_depth: { type: 'gauge', help: 'Deliveries waiting in the outbox', labels: [] },
  tqalert_dead_letters: { type: 'gauge', help: 'Dead letters kept for inspection or replay', labels: [] },
  tqalert_oldest_undelivered_age_seconds: {
    type: 'gauge',
    help: 'Age of the oldest pending delivery',
    labels: [],
  },
  tqalert_lane_queue_depth: {
    type: 'gauge',
    help: 'Pending deliveries per lane',
    labels: ['notifier', 'destination'],
  },
  tqalert_lane_oldest_age_seconds: {
    type: 'gauge',
    help: 'Age of the oldest pending delivery per lane',
    labels: ['notifier', 'destination'],
  },
  tqalert_lane_healthy: {
    type: 'gauge',
    help: '1 when the lane delivers, 0 while it is held after lane failures',
    labels: ['notifier', 'destination'],
  },
  tqalert_ready: { type: 'gauge', help: '1 when /readyz answers 200', labels: [] },
  tqalert_store_bytes: {
    type: 'gauge',
    help: 'Bytes the store takes on disk (file and write-ahead log)',
    labels: [],
  },
  tqalert_store_pruned_total: {
    type: 'counter',
    help: 'Rows deleted by store retention, per kind (sent, seen, keys, records)',
    labels: ['kind'],
  },
  tqalert_interactions_total: {
    type: 'counter',
    help: 'Slack case action requests by action and outcome (succeeded, failed, repeated, refused, denied, error)',
    labels: ['action', 'outcome'],
  },
  tqalert_interaction_update_failures_total: {
    type: 'counter',
    help: 'Case action outcomes that could not be shown in Slack after every retry (the action itself stands)',
    labels: ['action'],
  },
} as const satisfies Record<string, SeriesSpec>;

/** A series name from {@link CATALOG}. */
export type MetricName = keyof typeof CATALOG;

type AnyMetric = Counter<string> | Gauge<string> | Histogram<string>;

/** The worker's metrics registry. One per Worker; pass `defaultMetrics: false` for short-lived uses (the CLI). */
export class Metrics {
  readonly registry = new Registry();
  private readonly series = new Map<MetricName, AnyMetric>();

  constructor(options: { defaultMetrics?: boolean } = {}) {
    for (const [name, spec] of Object.entries(CATALOG) as [MetricName, SeriesSpec][]) {
      const config = { name, help: spec.help, labelNames: [...spec.labels], registers: [this.registry] };
      const metric =
        spec.type === 'counter'
          ? new Counter(config)
          : spec.type === 'gauge'
            ? new Gauge(config)
            : new Histogram({ ...config, buckets: spec.buckets ?? [] });
      this.series.set(name, metric);
    }
    // Node's process metrics (memory, CPU, event loop lag, GC) beside ours.
    if (options.defaultMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'tqalert_' });
  }

  private counter(name: MetricName): Counter<string> {
    return this.series.get(name) as Counter<string>;
  }

  /** Adds `by` (default 1) to a counter. */
  inc(name: MetricName, labels: Labels = {}, by = 1): void {
    this.counter(name).inc(labels, by);
  }

  /** Sets a gauge. */
  set(name: MetricName, value: number, labels: Labels = {}): void {
    (this.series.get(name) as Gauge<string>).set(labels, value);
  }

  /** Records one observation in a histogram. */
  observe(name: MetricName, value: number, labels: Labels = {}): void {
    (this.series.get(name) as Histogram<string>).observe(labels, value);
  }

  /** Creates a counter's series for `labels` at 0 (keeping any value it has), so it is exported from the start. */
  zero(name: MetricName, labels: Labels): void {
    this.counter(name).inc(labels, 0);
  }

  /** Current value of one series (0 when never set), for tests and summaries. */
  async value(name: MetricName, labels: Labels = {}): Promise<number> {
    const data = await this.series.get(name)?.get();
    const want = Object.entries(labels);
    const found = data?.values.find(
      (v) =>
        !String((v as { metricName?: unknown }).metricName ?? '').endsWith('_bucket') &&
        want.every(([k, val]) => (v.labels as Labels)[k] === val) &&
        Object.keys(v.labels).length === want.length,
    );
    return found?.value ?? 0;
  }

  /** Sum over every label set of a counter or gauge. */
  async total(name: MetricName): Promise<number> {
    const data = await this.series.get(name)?.get();
    return (data?.values ?? []).reduce((sum, v) => sum + v.value, 0);
  }

  /** The Prometheus text exposition format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  /** The content type of {@link render}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}
