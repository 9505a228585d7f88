import { DeliveryError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { sendEmail } from './send-email.js';
import { alert, caught, notifierFor, PASSWORD, recordingLogger, sink } from './test-harness.js';

const auth = { user: 'bot', pass: PASSWORD };
const email = { to: 'analyst@example.com', subject: 'Report', text: 'Attached.' };

/** Runs `act`, returning the process warnings it emitted (they are delivered on a later tick). */
async function processWarnings(act: () => Promise<unknown>): Promise<Array<Error & { code?: string }>> {
  const warnings: Array<Error & { code?: string }> = [];
  const listen = (warning: Error) => warnings.push(warning);
  process.on('warning', listen);
  try {
    await act();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  return warnings;
}

describe('SMTP AUTH requires TLS', () => {
  it('11.10 sendEmail() refuses to log in over a connection without TLS, and sends nothing', async () => {
    const smtp = await sink({ auth });
    const error = await caught(
      sendEmail({ host: smtp.host, port: smtp.port, auth, from: 'reports@example.com' }, email),
    );
    expect(DeliveryError.isInstance(error)).toBe(true);
    expect((error as DeliveryError).retryable).toBe(false);
    expect((error as Error).message).toContain(`SMTP server 127.0.0.1:${smtp.port} does not offer STARTTLS`);
    expect((error as Error).message).toContain('the SMTP password is sent only over TLS');
    expect((error as Error).message).toContain('allowInsecureAuth: true');
    expect((error as Error).message).not.toContain(PASSWORD);
    expect(smtp.messages).toHaveLength(0);
  });

  it('11.10 the email notifier refuses to log in without TLS too, in sends and in verify()', async () => {
    const smtp = await sink({ auth });
    const notifier = notifierFor(smtp, { auth });
    const sent = await caught(notifier.sendAlert(notifier.formatAlert([alert()])));
    const verified = await caught(notifier.verify());
    for (const error of [sent, verified]) {
      expect(DeliveryError.isInstance(error) && !error.retryable).toBe(true);
      expect((error as Error).message).toContain('the SMTP password is sent only over TLS');
    }
    expect(smtp.messages).toHaveLength(0);
  });

  it('upgrades with STARTTLS before AUTH when the server offers it, without requireTLS being set', async () => {
    const smtp = await sink({ auth, tls: 'starttls' });
    await sendEmail(
      { host: smtp.host, port: smtp.port, auth, tls: { ca: smtp.ca ?? '' }, from: 'reports@example.com' },
      email,
    );
    const [mail] = await smtp.waitFor(1);
    expect(mail?.secure).toBe(true);
    expect(mail?.authUser).toBe('bot');
  });

  it('11.10 allowInsecureAuth: true logs in over plain text, after a loud warning to the logger and the process', async () => {
    const smtp = await sink({ auth });
    const logger = recordingLogger();
    const warnings = await processWarnings(() =>
      sendEmail(
        { host: smtp.host, port: smtp.port, auth, allowInsecureAuth: true, from: 'reports@example.com' },
        email,
        { logger },
      ),
    );
    const [mail] = await smtp.waitFor(1);
    expect(mail?.secure).toBe(false);
    expect(mail?.authUser).toBe('bot');
    const warning = warnings.find((each) => each.code === 'TQALERT_SMTP_INSECURE_AUTH');
    expect(warning?.message).toContain(
      `sendEmail(): allowInsecureAuth is set, so the SMTP password of user "bot" is sent in clear text to 127.0.0.1:${smtp.port}`,
    );
    expect(logger.lines).toEqual([{ level: 'warn', message: warning?.message }]);
    expect(JSON.stringify(warnings.map((each) => each.message))).not.toContain(PASSWORD);
  });

  it('11.10 the email notifier warns about allowInsecureAuth when it is built', async () => {
    const smtp = await sink({ auth });
    const logger = recordingLogger();
    const warnings = await processWarnings(async () =>
      notifierFor(smtp, { auth, allowInsecureAuth: true }, { logger }),
    );
    expect(warnings.map((each) => each.code)).toContain('TQALERT_SMTP_INSECURE_AUTH');
    expect(logger.lines).toEqual([
      {
        level: 'warn',
        message: expect.stringContaining('Email notifier "soc-mail": allowInsecureAuth is set'),
      },
    ]);
  });

  it('11.10 certificate checks turned off (TQALERT_SMTP_INSECURE=true in the CLI) are a process warning even without a logger', async () => {
    const smtp = await sink({ auth, tls: 'starttls' });
    const warnings = await processWarnings(() =>
      sendEmail(
        {
          host: smtp.host,
          port: smtp.port,
          auth,
          tls: { rejectUnauthorized: false },
          from: 'reports@example.com',
        },
        email,
      ),
    );
    expect((await smtp.waitFor(1))[0]?.secure).toBe(true);
    const warning = warnings.find((each) => each.code === 'TQALERT_SMTP_TLS_UNVERIFIED');
    expect(warning?.message).toBe(
      `sendEmail(): TLS certificate verification is OFF for 127.0.0.1:${smtp.port}; anyone on the path can read the mail and the SMTP password. Set tls.ca instead.`,
    );
  });
});
