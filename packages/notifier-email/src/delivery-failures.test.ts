import { inspect } from 'node:util';
import { DeliveryError, NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import type { EmailNotifier } from './email-notifier.js';
import { alert, alerts, caught, notifierFor, PASSWORD, recordingLogger, sink } from './test-harness.js';

function deliveryError(value: unknown): DeliveryError {
  if (!DeliveryError.isInstance(value)) throw new Error(`expected a DeliveryError, got ${inspect(value)}`);
  return value;
}

/** Everything an operator could see of an error: message, fields, cause, stack. */
function everything(error: unknown): string {
  return `${inspect(error, { depth: 10, showHidden: true })} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
}

/** Sends one alert, expecting a DeliveryError. */
async function failedSend(notifier: EmailNotifier): Promise<DeliveryError> {
  return deliveryError(await caught(notifier.sendAlert(notifier.formatAlert([alert()]))));
}

const secretForms = [
  PASSWORD,
  Buffer.from(PASSWORD).toString('base64'),
  Buffer.from(`\0bot\0${PASSWORD}`).toString('base64'),
];

describe('EmailNotifier delivery failures', () => {
  it.each([
    {
      reply: [554, 'Message rejected as spam', 'data'] as const,
      retryable: false,
      says: 'permanently refused the email after receiving it (DATA) with "554 Message rejected as spam": not retried; check the recipients, sender and content',
    },
    {
      reply: [451, 'Greylisted, try again later', 'data'] as const,
      retryable: true,
      says: 'temporarily refused the email after receiving it (DATA) with "451 Greylisted, try again later": will retry',
    },
    {
      reply: [553, 'Sender not allowed', 'mail'] as const,
      retryable: false,
      says: 'permanently refused the sender of the email (MAIL FROM) with "553 Sender not allowed": not retried',
    },
  ])(
    'answers SMTP $reply.0 with retryable: $retryable, naming the server and the reply',
    async ({ reply, retryable, says }) => {
      const smtp = await sink();
      const [code, text, at] = reply;
      smtp.faults.rejectNext(1, code, text, { at });
      const error = await failedSend(notifierFor(smtp));
      expect(error.retryable).toBe(retryable);
      expect(error.code).toBe(retryable ? 'DELIVERY_RETRYABLE' : 'DELIVERY_PERMANENT');
      expect(error.notifier).toBe('soc-mail');
      expect(error.message).toContain(`SMTP server 127.0.0.1:${smtp.port} ${says}`);
    },
  );

  it('reports the parts delivered before a failure, and a retry sends only the rest', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert(alerts(400), NotificationTypes.WATCHLIST);
    expect(messages.length).toBeGreaterThanOrEqual(3);
    smtp.faults.rejectNext(1, 452, 'Mailbox full for now', { after: 2 });
    const error = deliveryError(await caught(notifier.sendAlert(messages)));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`part 3 of ${messages.length}`);
    expect(error.delivered.map((part) => part.part)).toEqual([0, 1]);
    expect(error.delivered.map((part) => part.ref.messageId)).toEqual(
      smtp.messages.map((mail) => mail.messageId),
    );

    const [record] = await notifier.sendAlert(messages, { alreadyDelivered: error.delivered });
    expect(smtp.messages).toHaveLength(messages.length);
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(messages.map((message) => message.subject));
    expect(record?.parts.map((part) => part.part)).toEqual(messages.map((_, i) => i));
  });

  it('is retryable while the server is down, and delivers once it is back on the same port', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert([alert()]);
    await notifier.sendAlert(messages); // opens a pooled connection that down() will cut
    await smtp.faults.down();
    const error = deliveryError(await caught(notifier.sendAlert(messages)));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(
      new RegExp(`connection to SMTP server 127\\.0\\.0\\.1:${smtp.port} failed \\(ECONNREFUSED`),
    );
    await smtp.faults.up();
    const [record] = await notifier.sendAlert(messages);
    expect(record?.parts).toHaveLength(1);
    expect(smtp.messages).toHaveLength(2);
  });

  it('is retryable when the server does not greet in time, naming the option to raise', async () => {
    const smtp = await sink();
    smtp.faults.slowGreeting(10_000);
    const notifier = notifierFor(smtp, {
      timeouts: { connectionMs: 2_000, greetingMs: 300, socketMs: 2_000 },
    });
    const error = await failedSend(notifier);
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('did not answer in time (GREETING_TIMEOUT');
    expect(error.message).toContain('raise timeouts.greetingMs');
  });
});

describe('EmailNotifier AUTH', () => {
  it('logs in with the configured user and password', async () => {
    const smtp = await sink({ auth: { user: 'bot', pass: PASSWORD }, tls: 'starttls' });
    const notifier = notifierFor(smtp, { auth: { user: 'bot', pass: PASSWORD }, tls: { ca: smtp.ca } });
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    const [mail] = await smtp.waitFor(1);
    expect(mail?.authUser).toBe('bot');
  });

  it('holds the lane on a wrong password (an auth failure, not the message), naming the user and never the password', async () => {
    const smtp = await sink({ auth: { user: 'bot', pass: 'the-right-one' }, tls: 'starttls' });
    const notifier = notifierFor(smtp, { auth: { user: 'bot', pass: PASSWORD }, tls: { ca: smtp.ca } });
    const error = await failedSend(notifier);
    expect(error).toMatchObject({ retryable: true, scope: 'lane', auth: true });
    expect(error.message).toBe(
      `SMTP server 127.0.0.1:${smtp.port} refused the login of user "bot" (535 Authentication credentials invalid): check auth.user and auth.pass; deliveries wait until the login works`,
    );
    const verifyError = await caught(notifier.verify());
    for (const shown of [everything(error), everything(verifyError)]) {
      for (const secret of secretForms) expect(shown).not.toContain(secret);
    }
  });

  it('says to configure credentials when the server requires them', async () => {
    const smtp = await sink({ auth: { user: 'bot', pass: PASSWORD } });
    const notifier = notifierFor(smtp);
    const error = await failedSend(notifier);
    expect(error).toMatchObject({ retryable: true, scope: 'lane', auth: true });
    expect(error.message).toContain('requires authentication (530');
    expect(error.message).toContain('set auth.user and auth.pass');
  });

  it('keeps the password out of every failure, whatever the failure', async () => {
    const smtp = await sink({ auth: { user: 'bot', pass: PASSWORD }, tls: 'starttls' });
    const failures: unknown[] = [];
    const trusting = notifierFor(smtp, { auth: { user: 'bot', pass: PASSWORD }, tls: { ca: smtp.ca } });
    smtp.faults.rejectNext(1, 550, 'no');
    failures.push(await caught(trusting.sendAlert(trusting.formatAlert([alert()]))));
    const untrusting = notifierFor(smtp, { auth: { user: 'bot', pass: PASSWORD } });
    failures.push(await caught(untrusting.sendAlert(untrusting.formatAlert([alert()]))));
    await smtp.faults.down();
    failures.push(await caught(trusting.sendAlert(trusting.formatAlert([alert()]))));
    expect(failures.every((failure) => DeliveryError.isInstance(failure))).toBe(true);
    for (const failure of failures)
      for (const secret of secretForms) expect(everything(failure)).not.toContain(secret);
  });
});

describe('EmailNotifier TLS', () => {
  it('upgrades with STARTTLS and trusts a server certificate given as tls.ca', async () => {
    const smtp = await sink({ tls: 'starttls', auth: { user: 'bot', pass: PASSWORD } });
    const notifier = notifierFor(smtp, {
      requireTLS: true,
      tls: { ca: smtp.ca },
      auth: { user: 'bot', pass: PASSWORD },
    });
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    const [mail] = await smtp.waitFor(1);
    expect(mail?.secure).toBe(true);
    expect(mail?.authUser).toBe('bot');
  });

  it('refuses a self-signed certificate by default, with a clear error that holds the lane', async () => {
    const smtp = await sink({ tls: 'starttls' });
    const notifier = notifierFor(smtp, { requireTLS: true });
    const error = await failedSend(notifier);
    expect(error).toMatchObject({ retryable: true, scope: 'lane', auth: false });
    expect(error.message).toContain(
      `TLS certificate of SMTP server 127.0.0.1:${smtp.port} was not accepted (DEPTH_ZERO_SELF_SIGNED_CERT`,
    );
    expect(error.message).toContain('give the CA that signed it as tls.ca');
    expect(smtp.messages).toHaveLength(0);
  });

  it('sends with rejectUnauthorized: false, and warns loudly that verification is off', async () => {
    const smtp = await sink({ tls: 'starttls' });
    const logger = recordingLogger();
    const notifier = notifierFor(smtp, { requireTLS: true, tls: { rejectUnauthorized: false } }, { logger });
    expect(logger.lines).toEqual([
      { level: 'warn', message: expect.stringContaining('TLS certificate verification is OFF') },
    ]);
    expect(logger.lines[0]?.message).toContain('Set tls.ca instead');
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    expect((await smtp.waitFor(1))[0]?.secure).toBe(true);
  });

  it('speaks implicit TLS with secure: true', async () => {
    const smtp = await sink({ tls: 'implicit' });
    const notifier = notifierFor(smtp, { secure: true, tls: { ca: smtp.ca } });
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    expect((await smtp.waitFor(1))[0]?.secure).toBe(true);
  });

  it('explains requireTLS against a server without STARTTLS, and secure: true against a plain port', async () => {
    const smtp = await sink();
    const starttls = notifierFor(smtp, { requireTLS: true });
    const noTls = await failedSend(starttls);
    expect(noTls).toMatchObject({ retryable: true, scope: 'lane' });
    expect(noTls.message).toContain('does not offer STARTTLS');
    const implicit = notifierFor(smtp, { secure: true });
    const wrongPort = await failedSend(implicit);
    expect(wrongPort).toMatchObject({ retryable: true, scope: 'lane' });
    expect(wrongPort.message).toContain('the server does not speak TLS on connect');
  });
});
