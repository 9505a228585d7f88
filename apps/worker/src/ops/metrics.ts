/** A small Prometheus text-format registry: counters and gauges with labels, no dependency. */
type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

export class Metrics {
  private readonly series = new Map<string, Series>();

  private get(name: string, type: Series['type'], help: string): Series {
    let s = this.series.get(name);
    if (!s) {
      s = { help, type, values: new Map() };
      this.series.set(name, s);
    }
    return s;
  }

  /** Adds `by` to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const s = this.get(name, 'counter', help);
    const key = labelKey(labels);
    const entry = s.values.get(key) ?? { labels, value: 0 };
    entry.value += by;
    s.values.set(key, entry);
  }

  /** Sets a gauge. */
  set(name: string, help: string, value: number, labels: Labels = {}): void {
    this.get(name, 'gauge', help).values.set(labelKey(labels), { labels, value });
  }

  /** Current value of a series (0 when never set), for tests and summaries. */
  value(name: string, labels: Labels = {}): number {
    return this.series.get(name)?.values.get(labelKey(labels))?.value ?? 0;
  }

  /** Sum over every label set of a series. */
  total(name: string): number {
    let sum = 0;
    for (const { value } of this.series.get(name)?.values.values() ?? []) sum += value;
    return sum;
  }

  /** The Prometheus text exposition format. */
  render(): string {
    const lines: string[] = [];
    for (const [name, s] of this.series) {
      lines.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${s.type}`);
      for (const { labels, value } of s.values.values()) {
        const l = Object.entries(labels)
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        lines.push(`${name}${l ? `{${l}}` : ''} ${value}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }
}
