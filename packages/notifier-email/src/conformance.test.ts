import { EmailFormatter } from '@tqalert/formatter-email';
import {
  NOTIFIER_CHECK_NAMES,
  type ReceivedMail,
  runNotifierChecks,
  type SmtpSink,
  startSmtpSink,
} from '@tqalert/testkit';
import { describe, expect, it } from 'vitest';
import { EmailNotifier } from './email-notifier.js';
import type { EmailNotifierOptions } from './notifier-options.js';
import { PASSWORD } from './test-harness.js';

/** The destination a received mail reached, spelled from its own headers and envelope as the notifier spells it. */
function destinationOf(mail: ReceivedMail): string {
  const list = (addresses: string[]) => [...new Set(addresses.map((a) => a.toLowerCase()))].sort().join(',');
  const parts = [`email:${list(mail.to.map((a) => a.address))}`];
  if (mail.cc.length) parts.push(`cc:${list(mail.cc.map((a) => a.address))}`);
  if (mail.bcc.length) parts.push(`bcc:${list(mail.bcc)}`);
  return parts.join(';');
}

async function harness() {
  const smtp = await startSmtpSink({ auth: { user: 'bot', pass: PASSWORD }, tls: 'starttls' });
  const refusing = await startSmtpSink({ auth: { user: 'bot', pass: PASSWORD }, tls: 'starttls' });
  refusing.faults.rejectNext(1, 550, 'Mailbox unavailable');
  // Over STARTTLS, as SMTP AUTH requires; each sink's self-signed certificate is trusted as its own CA.
  const options = (server: SmtpSink): EmailNotifierOptions => ({
    host: server.host,
    port: server.port,
    auth: { user: 'bot', pass: PASSWORD },
    tls: { ca: server.ca ?? '' },
    from: 'TQ Alert <alerts@example.com>',
    to: ['soc@example.com', 'lead@example.com'],
    cc: 'duty@example.com',
    bcc: 'audit@example.com',
    timeouts: { connectionMs: 2_000, greetingMs: 2_000, socketMs: 5_000 },
  });
  return {
    notifier: new EmailNotifier(options(smtp), { id: 'conformance-mail' }),
    formatter: new EmailFormatter(),
    inspect: () => smtp.messages.map((mail) => ({ destination: destinationOf(mail), text: mail.text ?? '' })),
    failing: () => new EmailNotifier(options(refusing), { id: 'conformance-mail' }),
    secrets: [PASSWORD],
    dispose: async () => {
      await Promise.all([smtp.close(), refusing.close()]);
    },
  };
}

// One check needs a notifier with two or more destinations. An email notifier has exactly one by design (the
// recipient set is one SMTP transaction), so that check reports a set-up problem rather than a bug; its
// single-destination behaviour is covered in alert-mail.test.ts. Every other check must pass.
const NEEDS_TWO_DESTINATIONS = 'options.destinations restricts the send to those destinations';

describe('Notifier conformance: EmailNotifier over SMTP', () => {
  it('passes every check of the BaseNotifier contract that applies to one destination', async () => {
    const results = await runNotifierChecks(harness);
    expect(results.map((result) => result.name)).toEqual(NOTIFIER_CHECK_NAMES);
    expect(results.filter((result) => !result.passed)).toEqual([
      {
        name: NEEDS_TWO_DESTINATIONS,
        passed: false,
        error: expect.stringContaining('configure the notifier with at least two destinations'),
      },
    ]);
  });
});
