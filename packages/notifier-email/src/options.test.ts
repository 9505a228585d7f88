import { ConfigError, isPluginDefinition, Redactor, silentLogger, validateWithSchema } from '@tqalert/core';
import { EmailFormatter } from '@tqalert/formatter-email';
import { describe, expect, it } from 'vitest';
import { EmailNotifier } from './email-notifier.js';
import definition from './index.js';
import { EmailNotifierOptionsSchema } from './notifier-options.js';
import { PASSWORD } from './test-harness.js';
import { poolTransportOptions } from './transport-options.js';

const minimal = { host: 'smtp.example.com', from: 'alerts@example.com', to: 'soc@example.com' };

function configError(make: () => unknown): ConfigError {
  try {
    make();
  } catch (error) {
    if (ConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('EmailNotifier options', () => {
  it('fills worker-fit defaults: pooled, 10 s/10 s/30 s timeouts, TLS verification on', () => {
    const notifier = new EmailNotifier(minimal);
    expect(notifier.options).toMatchObject({
      secure: false,
      requireTLS: false,
      pool: { maxConnections: 5, maxMessages: 100 },
      timeouts: { connectionMs: 10_000, greetingMs: 10_000, socketMs: 30_000 },
      tls: { rejectUnauthorized: true },
      from: { name: '', address: 'alerts@example.com' },
      to: [{ name: '', address: 'soc@example.com' }],
      cc: [],
      bcc: [],
    });
    expect(poolTransportOptions(notifier.options)).toMatchObject({
      pool: true,
      port: 587,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      tls: { rejectUnauthorized: true },
      logger: false,
    });
    // Like every notifier, it has no formatter until one is set (the plugin's create sets one).
    expect(notifier.getFormatter()).toBeUndefined();
  });

  it('lets the worker run one send per pooled connection on a lane (pool.maxConnections)', () => {
    expect(new EmailNotifier(minimal).laneConcurrency('soc@example.com')).toBe(5);
    const small = new EmailNotifier({ ...minimal, pool: { maxConnections: 2 } });
    expect(small.laneConcurrency('soc@example.com')).toBe(2);
    expect(poolTransportOptions(small.options)).toMatchObject({ maxConnections: 2 });
  });

  it('turns rateLimit.perSecond into nodemailer’s messages per window', () => {
    const at = (perSecond: number) =>
      poolTransportOptions(EmailNotifierOptionsSchema.parse({ ...minimal, rateLimit: { perSecond } }));
    expect(at(5)).toMatchObject({ rateLimit: 5, rateDelta: 1_000 });
    expect(at(0.5)).toMatchObject({ rateLimit: 1, rateDelta: 2_000 });
  });

  it('names each bad address, the field it is in and how to fix it', () => {
    const error = configError(
      () =>
        new EmailNotifier({
          host: 'smtp.example.com',
          from: 'Alerts <alerts@example.com>\r\nBcc: x@evil.example',
          to: ['soc@example.com', 'bob@', '@example.com'],
          cc: 'a@example.com, b@exa mple.com',
          bcc: [],
        }),
    );
    expect(error.issues).toEqual([
      { path: 'from', message: expect.stringContaining('contains a line break or control character') },
      {
        path: 'to[1]',
        message:
          '"bob@" is not a valid email address: it has no domain after the "@"; expected name@domain, e.g. soc@example.com',
      },
      {
        path: 'to[2]',
        message: expect.stringContaining(
          '"@example.com" is not a valid email address: it has nothing before the "@"',
        ),
      },
      { path: 'cc[1]', message: expect.stringContaining('is not a valid email address') },
    ]);
    expect(error.message).toContain('@tqalert/notifier-email options');
  });

  it('needs at least one recipient, and refuses secure with requireTLS, non-PEM CA and unknown options', () => {
    const error = configError(
      () =>
        new EmailNotifier({
          ...minimal,
          to: [],
          secure: true,
          requireTLS: true,
          tls: { ca: '/etc/ssl/ca.pem' },
          timeout: 5,
        } as never),
    );
    const byPath = Object.fromEntries(error.issues.map((issue) => [issue.path, issue.message]));
    expect(byPath.to).toBe('give at least one recipient address');
    expect(byPath['tls.ca']).toContain('must be PEM text');
    expect(byPath['(root)']).toContain('timeout');
  });

  it('refuses secure together with requireTLS', () => {
    const error = configError(() => new EmailNotifier({ ...minimal, secure: true, requireTLS: true }));
    expect(error.issues).toEqual([
      { path: 'requireTLS', message: expect.stringContaining('exclude each other') },
    ]);
  });

  it('never puts the password in a ConfigError', () => {
    const error = configError(
      () => new EmailNotifier({ ...minimal, to: 'bad', auth: { user: '', pass: PASSWORD } }),
    );
    expect(error.issues.map((issue) => issue.path)).toEqual(['auth.user', 'to[0]']);
    expect(JSON.stringify(error) + error.message).not.toContain(PASSWORD);
  });

  it('has one destination id for the recipient set, independent of order and case', async () => {
    const a = new EmailNotifier({ ...minimal, to: ['B@example.com', 'a@example.com'], bcc: 'c@example.com' });
    const b = new EmailNotifier({ ...minimal, to: 'a@example.com, b@EXAMPLE.com', bcc: ['C@example.com'] });
    expect(await a.destinations()).toEqual(['email:a@example.com,b@example.com;bcc:c@example.com']);
    expect(await b.destinations()).toEqual(await a.destinations());
  });
});

describe('plugin definition', () => {
  it('is the default export and creates a notifier with the config id, an EmailFormatter and the password redacted', async () => {
    expect(isPluginDefinition(definition)).toBe(true);
    expect(definition.kind).toBe('notifier');
    expect(definition.name).toBe('@tqalert/notifier-email');
    const validated = await validateWithSchema(definition.options, {
      ...minimal,
      auth: { user: 'bot', pass: PASSWORD },
    });
    if (!validated.ok) throw new Error(JSON.stringify(validated.issues));
    const redactor = new Redactor();
    const notifier = await definition.create(validated.value, {
      id: 'soc-mail',
      logger: silentLogger,
      configDir: '.',
      clients: {},
      redactor,
    });
    expect(notifier).toBeInstanceOf(EmailNotifier);
    expect(notifier.name).toBe('soc-mail');
    expect(notifier.getFormatter()).toBeInstanceOf(EmailFormatter);
    expect(redactor.text(`login with ${PASSWORD}`)).toBe('login with [REDACTED]');
    await notifier.close();
  });

  it('reports bad options with their paths through the schema', async () => {
    const validated = await validateWithSchema(
      definition.options,
      { host: 'h', from: 'x', to: [] },
      'notifiers[0].options',
    );
    expect(validated.ok).toBe(false);
    if (validated.ok) return;
    expect(validated.issues.map((issue) => issue.path)).toEqual([
      'notifiers[0].options.from',
      'notifiers[0].options.to',
    ]);
  });
});
