// A test notifier plugin whose "target" is a JSON-lines file: each send appends one line per alert, so a test
// (or a SIGKILL test across processes) can count exactly what was delivered. Failures are scripted through a
// control file: {"fail": n, "retryable": bool, "retryAfter": s} makes the next n sends fail.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { BaseFormatter, BaseNotifier, DeliveryError, defineNotifier } from '@tqalert/core';
import { z } from 'zod';

class IdsFormatter extends BaseFormatter {
  format(alerts) {
    return alerts.map((a) => a.id);
  }
}

class FileNotifier extends BaseNotifier {
  constructor(options) {
    super('file');
    this.options = options;
    this.setFormatter(new IdsFormatter('ANY'));
  }
  async destinations() {
    return this.options.destinations;
  }
  laneConcurrency() {
    return this.options.concurrency;
  }
  async sendAlert(ids, options = {}) {
    // How many sends overlap (for the lane concurrency test), written after each send ends.
    this.inFlight = (this.inFlight ?? 0) + 1;
    this.peak = Math.max(this.peak ?? 0, this.inFlight);
    try {
      return await this.send(ids, options);
    } finally {
      this.inFlight -= 1;
      if (this.options.peakFile) writeFileSync(this.options.peakFile, String(this.peak));
    }
  }
  async send(ids, options) {
    // Simulated network latency, so a SIGKILL test can land in the middle of deliveries.
    if (this.options.delayMs) await new Promise((r) => setTimeout(r, this.options.delayMs));
    const control = this.options.control;
    if (control && existsSync(control)) {
      const state = JSON.parse(readFileSync(control, 'utf8'));
      if (state.fail > 0) {
        writeFileSync(control, JSON.stringify({ ...state, fail: state.fail - 1 }));
        throw new DeliveryError({
          message: state.message ?? 'scripted failure',
          retryable: state.retryable,
          retryAfter: state.retryAfter,
        });
      }
    }
    const records = [];
    for (const destination of options.destinations ?? this.options.destinations) {
      const line = JSON.stringify({ destination, ids, thread: options.thread?.parts?.[0]?.ref?.id ?? null });
      appendFileSync(this.options.file, `${line}\n`);
      records.push({
        notifier: this.name,
        destination,
        parts: [{ destination, part: 0, ref: { id: `${destination}:${ids[0]}` } }],
        sentAt: new Date().toISOString(),
      });
    }
    return records;
  }
}

export default defineNotifier({
  name: 'file-notifier',
  options: z.object({
    file: z.string(),
    destinations: z.array(z.string()).default(['main']),
    control: z.string().optional(),
    delayMs: z.number().int().nonnegative().default(0),
    concurrency: z.number().int().positive().default(1),
    peakFile: z.string().optional(),
  }),
  create: (options) => new FileNotifier(options),
});
