import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeRuntime, Metrics, pollService, type Runtime } from '@tqalert/worker';
import type { Command, CommandContext } from '../cli/command.js';
import { requireFlag } from '../cli/flags.js';
import { alertDecisions, type PlannedMessage, planMessages, withSampleAlerts } from '../cli/preview-plan.js';
import { UsageError } from '../cli/usage-error.js';
import { openRuntime } from '../cli/worker-config.js';

interface SlackLike {
  parts: Array<{ text?: string; blocks?: unknown[] }>;
}
interface EmailLike {
  subject: string;
  html: string;
  text: string;
}

const isSlack = (m: unknown): m is SlackLike =>
  typeof m === 'object' && m !== null && Array.isArray((m as SlackLike).parts);
const isEmailList = (m: unknown): m is EmailLike[] =>
  Array.isArray(m) && m.every((e) => typeof e === 'object' && e !== null && 'html' in e && 'subject' in e);

/** Slack's Block Kit Builder opens a message given as URL-encoded JSON after the #. */
export function blockKitBuilderUrl(blocks: unknown[]): string {
  return `https://app.slack.com/block-kit-builder/#${encodeURIComponent(JSON.stringify({ blocks }))}`;
}

/** Prints one planned message as its notifier would format it; returns its machine-readable preview. */
function renderMessage(
  ctx: CommandContext,
  runtime: Runtime,
  message: PlannedMessage,
  index: number,
  outDir: string,
): Record<string, unknown> {
  const notifier = runtime.notifiers.get(message.notifier);
  const type = message.alerts[0]?.type;
  const about = {
    notifier: message.notifier,
    destinations: message.destinations,
    sendAt: message.sendAt,
    digest: Boolean(message.group),
    alerts: message.alerts.map((a) => a.id),
  };
  // `# soc-slack: Slack, 1 message (1 parent) → C0TQALERTS1; now: <title>` (or `digest of 3 alerts, at <time>`).
  const what = message.group
    ? `digest of ${message.alerts.length} alert(s), at ${message.sendAt}`
    : `${Date.parse(message.sendAt) <= Date.now() ? 'now' : message.sendAt}: ${message.alerts[0]?.title ?? ''}`;
  const heading = (kind: string) =>
    `# ${message.notifier}: ${kind} → ${message.destinations.join(', ')}; ${what}`;
  if (!notifier || !type) return { ...about, kind: 'none' };
  const formatted = notifier.formatAlert(message.alerts, type);
  if (isSlack(formatted)) {
    const parts = formatted.parts.map((p, i) => ({
      part: i,
      ...p,
      builderUrl: blockKitBuilderUrl(p.blocks ?? []),
    }));
    ctx.out.line(
      heading(
        `Slack, ${parts.length} message${parts.length === 1 ? '' : 's'} (1 parent${parts.length > 1 ? ' + thread' : ''})`,
      ),
    );
    for (const p of parts) {
      ctx.out.line(JSON.stringify({ text: p.text, blocks: p.blocks }, null, 2));
      ctx.out.line(`Open in Block Kit Builder: ${p.builderUrl}`);
    }
    return { ...about, kind: 'slack', parts };
  }
  if (isEmailList(formatted)) {
    mkdirSync(outDir, { recursive: true });
    const files = formatted.map((m, i) => {
      const file = join(outDir, `${message.notifier}-${index + 1}-${i + 1}.html`);
      writeFileSync(file, m.html);
      return { subject: m.subject, file, text: m.text };
    });
    ctx.out.line(heading(`email, ${files.length} message${files.length === 1 ? '' : 's'}`));
    for (const f of files) ctx.out.line(`Subject: ${f.subject}\nHTML: ${f.file}\n\n${f.text}`);
    return { ...about, kind: 'email', messages: files };
  }
  ctx.out.line(`${heading('message')}\n${JSON.stringify(formatted, null, 2)}`);
  return { ...about, kind: 'other', message: formatted };
}

const command: Command = {
  path: ['preview'],
  summary:
    'show what the worker would send for a service now: its routes, digests and messages, sending nothing',
  usage: '--config <file> --service <id> [--sample] [--out <dir>]',
  help: [
    ['--service <id>', 'the service id from the config'],
    ['--sample', 'three sample alerts instead of polling ThreatQ (the same routes and digests apply)'],
    ['--out <dir>', 'where email HTML files go (default: a new temp folder)'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: [
    'tqalert preview --config tqalert.yaml --service watched',
    'tqalert preview --config tqalert.yaml --service watched --sample',
  ],
  options: { service: { type: 'string' }, sample: { type: 'boolean' }, out: { type: 'string' } },
  async run(ctx) {
    const serviceId = requireFlag(
      ctx.values,
      'service',
      'the service id from the config, e.g. --service watched',
    );
    const runtime = await openRuntime(ctx, ctx.redactor);
    try {
      const entry = runtime.services.get(serviceId);
      if (!entry) {
        throw new UsageError(
          `--service "${serviceId}" is not in the config; services: ${[...runtime.services.keys()].join(', ') || 'none'}`,
        );
      }
      const sample = Boolean(ctx.values.sample);
      const now = new Date();
      // The worker's own poll, in dry-run: the same dedup, silences, routes and digest windows, nothing stored.
      const report = await pollService(runtime, sample ? withSampleAlerts(entry) : entry, {
        now: () => now,
        metrics: new Metrics({ defaultMetrics: false }),
        destinationCache: new Map(),
        dryRun: true,
      });
      if (!report.ok) {
        ctx.out.error(
          `polling ${serviceId} failed: ${report.error}; tqalert preview --sample shows sample alerts without ThreatQ`,
        );
        return 1;
      }
      for (const note of report.notes) ctx.out.note(note);
      const messages = planMessages(report.deliveries);
      const suppressed = Object.entries(report.suppressed).map(([reason, n]) => `${reason} ${n}`);
      ctx.out.line(
        `${serviceId}: ${report.fetched} ${sample ? 'sample ' : ''}alert(s)${sample ? '' : ' from ThreatQ now'}; ${messages.length} message(s) would be sent${suppressed.length ? `; not sent: ${suppressed.join(', ')}` : ''}`,
      );
      for (const [alert, targets] of alertDecisions(messages, now))
        ctx.out.line(`  ${alert.title} → ${targets.join(', ')}`);
      if (messages.length === 0 && !sample)
        ctx.out.line('nothing new to send now; --sample shows the messages for sample alerts');
      const outDir = ctx.values.out
        ? resolve(ctx.cwd, String(ctx.values.out))
        : mkdtempSync(join(tmpdir(), 'tqalert-preview-'));
      const previews = messages.map((m, i) => renderMessage(ctx, runtime, m, i, outDir));
      ctx.out.result({
        ok: true,
        service: serviceId,
        sample,
        fetched: report.fetched,
        suppressed: report.suppressed,
        alerts: new Set(messages.flatMap((m) => m.alerts.map((a) => a.id))).size,
        previews,
      });
      return 0;
    } finally {
      await closeRuntime(runtime).catch(() => undefined);
    }
  },
};
export default command;
