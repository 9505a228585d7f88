import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DeliveryError, ValidationError } from '@tqalert/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendEmail } from './send-email.js';
import { caught, notifierFor, PASSWORD, sink } from './test-harness.js';

let folder = '';
let csvPath = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'notifier-email-'));
  csvPath = join(folder, 'iocs.csv');
  await writeFile(csvPath, 'value,type\nevil.example.com,FQDN\n');
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

function validationError(value: unknown): ValidationError {
  if (!ValidationError.isInstance(value)) throw new Error(`expected a ValidationError, got ${String(value)}`);
  return value;
}

describe('EmailNotifier.sendFreeForm', () => {
  it('sends text, HTML and attachments from a path and from content to To, Cc and Bcc', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const result = await notifier.sendFreeForm({
      to: 'analyst@example.com',
      cc: ['Lead <lead@example.com>'],
      bcc: 'archive@example.com',
      subject: 'Weekly IOC export',
      text: 'Attached: this week’s indicators.',
      html: '<p>Attached: this week’s <b>indicators</b>.</p>',
      attachments: [
        { path: csvPath, contentType: 'text/csv' },
        { filename: 'notes.txt', content: 'hello' },
        {
          filename: 'bytes.bin',
          content: new Uint8Array([0, 1, 2, 255]),
          contentType: 'application/octet-stream',
        },
      ],
    });
    const [mail] = await smtp.waitFor(1);
    expect(result).toEqual({
      messageId: mail?.messageId,
      accepted: ['analyst@example.com', 'lead@example.com', 'archive@example.com'],
      rejected: [],
    });
    expect(mail?.subject).toBe('Weekly IOC export');
    expect(mail?.from[0]?.address).toBe('alerts@example.com');
    expect(mail?.to.map((a) => a.address)).toEqual(['analyst@example.com']);
    expect(mail?.cc.map((a) => a.address)).toEqual(['lead@example.com']);
    expect(mail?.bcc).toEqual(['archive@example.com']);
    expect(mail?.text?.trim()).toBe('Attached: this week’s indicators.');
    expect(mail?.html).toContain('<b>indicators</b>');
    expect(mail?.attachments.map((a) => [a.filename, a.contentType, a.content.toString('base64')])).toEqual([
      ['iocs.csv', 'text/csv', Buffer.from('value,type\nevil.example.com,FQDN\n').toString('base64')],
      ['notes.txt', 'text/plain', Buffer.from('hello').toString('base64')],
      ['bytes.bin', 'application/octet-stream', Buffer.from([0, 1, 2, 255]).toString('base64')],
    ]);
  });

  it('says which attachment file is missing, and sends nothing', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const attaching = async (path: string) =>
      validationError(
        await caught(
          notifier.sendFreeForm({ to: 'a@example.com', subject: 's', text: 't', attachments: [{ path }] }),
        ),
      );
    const missing = join(folder, 'nope.pdf');
    const error = await attaching(missing);
    expect(error.code).toBe('EMAIL_ATTACHMENT_UNREADABLE');
    expect(error.message).toBe(
      `Free-form email: attachments[0].path: file ${JSON.stringify(missing)} does not exist; check the path, or pass the bytes as content`,
    );
    expect((await attaching(folder)).message).toContain('is not a file');
    expect(smtp.connectionCount).toBe(0);
  });

  it('names every bad field at once', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const error = validationError(
      await caught(
        notifier.sendFreeForm({
          to: ['ok@example.com', 'bob@'],
          cc: 'not an address',
          subject: '  ',
          attachments: [{ content: 'x' }, { path: csvPath, content: 'y', filename: 'z' }],
        }),
      ),
    );
    expect(error.issues).toEqual(
      expect.arrayContaining([
        {
          path: 'to[1]',
          message:
            '"bob@" is not a valid email address: it has no domain after the "@"; expected name@domain, e.g. soc@example.com',
        },
        { path: 'cc[0]', message: expect.stringContaining('"not an address" is not a valid email address') },
        { path: 'subject', message: 'is empty: give the email a subject' },
        { path: 'attachments[0].filename', message: 'is required with content: the name the reader sees' },
        { path: 'attachments[1]', message: 'give exactly one of path (a file) or content (the bytes)' },
      ]),
    );
    expect(smtp.connectionCount).toBe(0);
  });

  it('needs a body: text, html or both', async () => {
    const smtp = await sink();
    const error = validationError(
      await caught(notifierFor(smtp).sendFreeForm({ to: 'a@example.com', subject: 's' })),
    );
    expect(error.issues).toEqual([{ path: 'text', message: 'give text, html or both' }]);
  });

  it('keeps the subject on one line and refuses one too long to send whole', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    await notifier.sendFreeForm({
      to: 'a@example.com',
      subject: 'Hello\r\nBcc: victim@evil.example',
      text: 'x',
    });
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('Hello Bcc: victim@evil.example');
    expect(mail?.envelope.rcptTo).toEqual(['a@example.com']);
    const long = validationError(
      await caught(notifier.sendFreeForm({ to: 'a@example.com', subject: 'x'.repeat(999), text: 'x' })),
    );
    expect(long.message).toContain(
      'subject: is longer than 998 characters: shorten it (nothing is cut silently)',
    );
  });

  it('refuses an address with a line break instead of repairing it', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const error = validationError(
      await caught(
        notifier.sendFreeForm({ to: ['a@example.com\r\nBcc: victim@evil.example'], subject: 's', text: 't' }),
      ),
    );
    expect(error.issues[0]?.path).toBe('to[0]');
    expect(error.issues[0]?.message).toContain('contains a line break or control character');
  });

  it('reports recipients the server refused while it accepted the others', async () => {
    const smtp = await sink();
    smtp.faults.rejectRecipient('gone@example.com', 550, 'No such user');
    const notifier = notifierFor(smtp);
    const result = await notifier.sendFreeForm({
      to: ['gone@example.com', 'here@example.com'],
      subject: 's',
      text: 't',
    });
    expect(result.accepted).toEqual(['here@example.com']);
    expect(result.rejected).toEqual(['gone@example.com']);
    expect((await smtp.waitFor(1))[0]?.envelope.rcptTo).toEqual(['here@example.com']);
  });

  it('fails permanently when every recipient is refused, naming them', async () => {
    const smtp = await sink();
    smtp.faults.rejectRecipient('gone@example.com', 550, 'No such user');
    const notifier = notifierFor(smtp);
    const error = await caught(notifier.sendFreeForm({ to: 'gone@example.com', subject: 's', text: 't' }));
    expect(DeliveryError.isInstance(error) && error.retryable).toBe(false);
    expect((error as Error).message).toContain(
      'permanently refused every recipient of the email (gone@example.com) with "550 No such user"',
    );
  });
});

describe('sendEmail', () => {
  it('sends one email over STARTTLS with AUTH, without a notifier', async () => {
    const smtp = await sink({ tls: 'starttls', auth: { user: 'bot', pass: PASSWORD } });
    const result = await sendEmail(
      {
        host: smtp.host,
        port: smtp.port,
        requireTLS: true,
        tls: { ca: smtp.ca },
        auth: { user: 'bot', pass: PASSWORD },
        from: 'Reports <reports@example.com>',
      },
      { to: 'analyst@example.com', subject: 'Report', html: '<p>Hi</p>', attachments: [{ path: csvPath }] },
    );
    const [mail] = await smtp.waitFor(1);
    expect(result.messageId).toBe(mail?.messageId);
    expect(mail?.secure).toBe(true);
    expect(mail?.authUser).toBe('bot');
    expect(mail?.from).toEqual([{ address: 'reports@example.com', name: 'Reports' }]);
    expect(mail?.attachments[0]?.filename).toBe('iocs.csv');
  });

  it('rejects bad transport options with a ConfigError that never shows the password', async () => {
    const error = await caught(
      sendEmail({ host: '', port: 70_000, auth: { user: 'bot', pass: PASSWORD }, from: 'x' } as never, {
        to: 'a@example.com',
        subject: 's',
        text: 't',
      }),
    );
    expect(ConfigError.isInstance(error)).toBe(true);
    const paths = (error as ConfigError).issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['host', 'port', 'from']));
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it('is retryable when the server is unreachable', async () => {
    const smtp = await sink();
    await smtp.faults.down();
    const error = await caught(
      sendEmail(
        { host: smtp.host, port: smtp.port, from: 'a@example.com' },
        { to: 'b@example.com', subject: 's', text: 't' },
      ),
    );
    expect(DeliveryError.isInstance(error) && error.retryable).toBe(true);
  });
});
