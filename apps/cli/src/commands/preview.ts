import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Alert } from '@tqalert/core';
import { closeRuntime, Metrics, pollService } from '@tqalert/worker';
import type { Command } from '../cli/command.js';
import { requireFlag } from '../cli/flags.js';
import { sampleAlert } from '../cli/sample-alert.js';
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

const command: Command = {
  path: ['preview'],
  summary:
    'render what a service would send: Slack Block Kit JSON with a Block Kit Builder link, email as HTML files',
  usage: '--config <file> --service <id> [--sample] [--out <dir>]',
  help: [
    ['--service <id>', 'the service id from the config'],
    ['--sample', 'use sample alerts instead of polling ThreatQ'],
    ['--out <dir>', 'where email HTML files go (default: a new temp folder)'],
    ['-c, --config <file>', 'the worker config'],
  ],
  examples: ['tqalert preview --config tqalert.yaml --service watched --sample'],
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
      let alerts: Alert[];
      if (ctx.values.sample) {
        alerts = [1, 2, 3].map((n) => sampleAlert(entry.service.notificationType, serviceId, n));
      } else {
        const report = await pollService(runtime, entry, {
          now: () => new Date(),
          metrics: new Metrics({ defaultMetrics: false }),
          destinationCache: new Map(),
          dryRun: true,
        });
        if (!report.ok) {
          ctx.out.error(`polling ${serviceId} failed: ${report.error}`);
          return 1;
        }
        const unique = new Map(report.deliveries.map((d) => [d.alert.id, d.alert]));
        alerts = [...unique.values()];
        if (alerts.length === 0)
          ctx.out.note(`${serviceId} has no new alerts now; showing sample alerts instead (or use --sample)`);
        if (alerts.length === 0)
          alerts = [1, 2, 3].map((n) => sampleAlert(entry.service.notificationType, serviceId, n));
      }
      const notifierIds = [...new Set(entry.config.routes.flatMap((r) => r.notify))];
      const outDir = ctx.values.out
        ? resolve(ctx.cwd, String(ctx.values.out))
        : mkdtempSync(join(tmpdir(), 'tqalert-preview-'));
      const previews: Array<Record<string, unknown>> = [];
      for (const id of notifierIds) {
        const notifier = runtime.notifiers.get(id);
        if (!notifier) continue;
        const message = notifier.formatAlert(alerts, entry.service.notificationType);
        if (isSlack(message)) {
          const parts = message.parts.map((p, i) => ({
            part: i,
            ...p,
            builderUrl: blockKitBuilderUrl(p.blocks ?? []),
          }));
          previews.push({ notifier: id, kind: 'slack', parts });
          ctx.out.line(
            `# ${id}: Slack, ${parts.length} message${parts.length === 1 ? '' : 's'} (1 parent${parts.length > 1 ? ' + thread' : ''})`,
          );
          for (const p of parts) {
            ctx.out.line(JSON.stringify({ text: p.text, blocks: p.blocks }, null, 2));
            ctx.out.line(`Open in Block Kit Builder: ${p.builderUrl}`);
          }
        } else if (isEmailList(message)) {
          mkdirSync(outDir, { recursive: true });
          const files = message.map((m, i) => {
            const file = join(outDir, `${id}-${i + 1}.html`);
            writeFileSync(file, m.html);
            return { subject: m.subject, file, text: m.text };
          });
          previews.push({ notifier: id, kind: 'email', messages: files });
          ctx.out.line(`# ${id}: email, ${files.length} message${files.length === 1 ? '' : 's'}`);
          for (const f of files) {
            ctx.out.line(`Subject: ${f.subject}\nHTML: ${f.file}\n\n${f.text}`);
          }
        } else {
          previews.push({ notifier: id, kind: 'other', message });
          ctx.out.line(`# ${id}\n${JSON.stringify(message, null, 2)}`);
        }
      }
      ctx.out.result({ ok: true, service: serviceId, alerts: alerts.length, previews });
      return 0;
    } finally {
      await closeRuntime(runtime).catch(() => undefined);
    }
  },
};
export default command;
