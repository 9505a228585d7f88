import { readFileSync } from 'node:fs';
import { DeliveryError, type Redactor } from '@tqalert/core';
import type { Command, CommandContext } from '../cli/command.js';
import { requireFlag } from '../cli/flags.js';
import { UsageError } from '../cli/usage-error.js';
import { loadWorkerConfig } from '../cli/worker-config.js';

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .flatMap((v) => String(v).split(','))
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * SMTP settings: from an email notifier of the config (`--notifier <id>`, or the only one), else from
 * TQALERT_SMTP_* environment variables.
 */
function smtpFrom(ctx: CommandContext, redactor: Redactor): Record<string, unknown> {
  const env = ctx.env;
  if (ctx.values.config || ctx.env.TQALERT_CONFIG || ctx.values.notifier) {
    const loaded = loadWorkerConfig(ctx, redactor);
    const emailNotifiers = loaded.config.notifiers.filter(
      (n) => n.use === 'email' || n.use === '@tqalert/notifier-email',
    );
    const wanted = ctx.values.notifier as string | undefined;
    const chosen = wanted
      ? emailNotifiers.find((n) => n.id === wanted)
      : emailNotifiers.length === 1
        ? emailNotifiers[0]
        : undefined;
    if (!chosen) {
      const ids = emailNotifiers.map((n) => n.id).join(', ') || 'none';
      throw new UsageError(
        wanted
          ? `--notifier "${wanted}" is not an email notifier of the config (email notifiers: ${ids})`
          : `the config has ${emailNotifiers.length} email notifiers (${ids}): pick one with --notifier <id>`,
      );
    }
    const {
      to: _to,
      cc: _cc,
      bcc: _bcc,
      subjectPrefix: _p,
      ...transport
    } = chosen.options as Record<string, unknown>;
    return transport;
  }
  if (!env.TQALERT_SMTP_HOST) {
    throw new UsageError(
      'no SMTP server: pass --config <worker config> (its email notifier), or set TQALERT_SMTP_HOST (and TQALERT_SMTP_PORT, TQALERT_SMTP_FROM, TQALERT_SMTP_USER, TQALERT_SMTP_PASS, TQALERT_SMTP_CA_FILE)',
    );
  }
  const port = env.TQALERT_SMTP_PORT ? Number(env.TQALERT_SMTP_PORT) : undefined;
  if (port !== undefined && !Number.isInteger(port))
    throw new UsageError(`TQALERT_SMTP_PORT must be a port number (got "${env.TQALERT_SMTP_PORT}")`);
  redactor.add(env.TQALERT_SMTP_PASS);
  return {
    host: env.TQALERT_SMTP_HOST,
    ...(port ? { port } : {}),
    secure: env.TQALERT_SMTP_SECURE === 'true',
    requireTLS: env.TQALERT_SMTP_REQUIRE_TLS === 'true',
    from: env.TQALERT_SMTP_FROM ?? '',
    ...(env.TQALERT_SMTP_USER
      ? { auth: { user: env.TQALERT_SMTP_USER, pass: env.TQALERT_SMTP_PASS ?? '' } }
      : {}),
    ...smtpTlsFrom(env),
    // Plain-text login only when asked for by name (the library warns loudly then).
    ...(env.TQALERT_SMTP_ALLOW_INSECURE_AUTH === 'true' ? { allowInsecureAuth: true } : {}),
  };
}

/** TLS settings from TQALERT_SMTP_CA_FILE (a PEM to trust) and TQALERT_SMTP_INSECURE (no verification). */
function smtpTlsFrom(env: NodeJS.ProcessEnv): { tls?: Record<string, unknown> } {
  const tls: Record<string, unknown> = {};
  if (env.TQALERT_SMTP_CA_FILE) {
    try {
      tls.ca = readFileSync(env.TQALERT_SMTP_CA_FILE, 'utf8');
    } catch (error) {
      throw new UsageError(
        `TQALERT_SMTP_CA_FILE ${env.TQALERT_SMTP_CA_FILE}: cannot read it (${(error as NodeJS.ErrnoException).code})`,
      );
    }
  }
  if (env.TQALERT_SMTP_INSECURE === 'true') tls.rejectUnauthorized = false;
  return Object.keys(tls).length > 0 ? { tls } : {};
}

const command: Command = {
  path: ['email', 'send'],
  summary: 'send a free-form email over SMTP: any recipients, subject, text or HTML body, attachments',
  usage:
    '--to <addr>[,…] --subject <text> (--text <text> | --html-file <file>) [--cc …] [--bcc …] [--attach <file>]…',
  help: [
    ['--to <addresses>', 'recipients, comma-separated or repeated'],
    ['--cc <addresses>', 'copy recipients'],
    ['--bcc <addresses>', 'blind copy recipients'],
    ['--subject <text>', 'one line'],
    ['--text <text>', 'plain-text body'],
    ['--html-file <file>', 'HTML body from a file'],
    ['--attach <file>', 'attach a file (repeat for more)'],
    ['--from <address>', 'sender (default: the SMTP settings’ from)'],
    ['--notifier <id>', 'with --config: which email notifier’s SMTP settings to use'],
    ['-c, --config <file>', 'a worker config with an email notifier (else TQALERT_SMTP_* variables)'],
  ],
  examples: [
    'tqalert email send --config tqalert.yaml --to soc@example.com --subject "Weekly IOCs" --text "Attached." --attach iocs.csv',
    'TQALERT_SMTP_HOST=smtp.example.com TQALERT_SMTP_FROM=tq@example.com tqalert email send --to a@example.com --subject Hi --html-file body.html',
  ],
  options: {
    to: { type: 'string', multiple: true },
    cc: { type: 'string', multiple: true },
    bcc: { type: 'string', multiple: true },
    subject: { type: 'string' },
    text: { type: 'string' },
    'html-file': { type: 'string' },
    attach: { type: 'string', multiple: true },
    from: { type: 'string' },
    notifier: { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.values;
    const to = list(v.to);
    if (to.length === 0) throw new UsageError('--to is required: at least one recipient address');
    const subject = requireFlag(v, 'subject', 'the email subject');
    if (v.text === undefined && v['html-file'] === undefined)
      throw new UsageError('give a body: --text <text> or --html-file <file>');
    let html: string | undefined;
    if (typeof v['html-file'] === 'string') {
      const { readFile } = await import('node:fs/promises');
      try {
        html = await readFile(v['html-file'], 'utf8');
      } catch (error) {
        throw new UsageError(
          `--html-file ${v['html-file']}: cannot read it (${(error as NodeJS.ErrnoException).code})`,
        );
      }
    }
    const redactor = ctx.redactor;
    const transport = smtpFrom(ctx, redactor);
    const { sendEmail } = await import('@tqalert/notifier-email');
    try {
      const result = await sendEmail(
        transport as never,
        {
          to,
          cc: list(v.cc),
          bcc: list(v.bcc),
          subject,
          ...(typeof v.text === 'string' ? { text: v.text } : {}),
          ...(html !== undefined ? { html } : {}),
          ...(typeof v.from === 'string' ? { from: v.from } : {}),
          attachments: list(v.attach).map((path) => ({ path })),
        },
        { redactor },
      );
      ctx.out.result({ ok: true, ...result });
      ctx.out.ok(
        `sent to ${result.accepted.join(', ')}${result.rejected.length ? `; refused: ${result.rejected.join(', ')}` : ''} (Message-ID ${result.messageId})`,
      );
      return result.rejected.length > 0 ? 1 : 0;
    } catch (error) {
      if (DeliveryError.isInstance(error)) {
        ctx.out.error(error.message, { retryable: error.retryable });
        return 1;
      }
      throw error;
    }
  },
};
export default command;
