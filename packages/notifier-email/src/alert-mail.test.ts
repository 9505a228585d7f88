import { NotificationTypes, ValidationError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { alert, alerts, caught, notifierFor, sink } from './test-harness.js';

describe('EmailNotifier alert mail over SMTP', () => {
  it('sends HTML and text alternatives to To, Cc and Bcc, and records the Message-ID', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp, { cc: 'Duty <duty@example.com>', bcc: ['audit@example.com'] });
    const messages = notifier.formatAlert([alert()], NotificationTypes.WATCHLIST);
    const [record] = await notifier.sendAlert(messages);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe(
      '[TQ Alert] CRITICAL Watchlist change: Watched indicator score raised from 5 to 8',
    );
    expect(mail?.from).toEqual([{ address: 'alerts@example.com', name: 'TQ Alert' }]);
    expect(mail?.to.map((a) => a.address)).toEqual(['soc@example.com', 'lead@example.com']);
    expect(mail?.cc).toEqual([{ address: 'duty@example.com', name: 'Duty' }]);
    expect(mail?.bcc).toEqual(['audit@example.com']);
    expect(mail?.headerLines.some((line) => line.key === 'bcc')).toBe(false);
    expect(mail?.envelope.mailFrom).toBe('alerts@example.com');
    expect(mail?.html).toContain('Score 5 → 8 &lt;b&gt;&amp;&lt;/b&gt;');
    expect(mail?.html).toMatch(/<td[^>]*>score<\/td><td[^>]*>5<\/td><td[^>]*>8<\/td>/);
    expect(mail?.text).toContain('Score 5 → 8 <b>&</b>');
    expect(mail?.raw.toString()).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail?.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail?.headers.get('x-tqalert-type')).toBe('WATCHLIST');

    expect(record).toEqual({
      notifier: 'soc-mail',
      destination: 'email:lead@example.com,soc@example.com;cc:duty@example.com;bcc:audit@example.com',
      parts: [{ destination: record?.destination, part: 0, ref: { messageId: mail?.messageId } }],
      sentAt: expect.any(String),
    });
    expect(await notifier.destinations()).toEqual([record?.destination]);
  });

  it('sends every part of a split digest, each under 100 KB, one record with all parts', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert(alerts(400), NotificationTypes.WATCHLIST);
    expect(messages.length).toBeGreaterThan(1);
    const [record] = await notifier.sendAlert(messages);
    const received = await smtp.waitFor(messages.length);
    expect(received).toHaveLength(messages.length);
    expect(record?.parts.map((part) => part.part)).toEqual(messages.map((_, i) => i));
    expect(new Set(record?.parts.map((part) => part.ref.messageId)).size).toBe(messages.length);
    const html = received.map((mail) => mail.html ?? '').join('');
    for (let i = 1; i <= 400; i += 1) expect(html.split(`Alert number ${i} of 400<`).length - 1).toBe(1);
    for (const mail of received) expect(Buffer.byteLength(mail.html ?? '')).toBeLessThan(100_000);
  });

  it('skips parts already delivered and reports them in the record', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert(alerts(400), NotificationTypes.WATCHLIST);
    const [destination] = await notifier.destinations();
    const earlier = { destination: destination ?? '', part: 0, ref: { messageId: '<earlier@example.com>' } };
    const [record] = await notifier.sendAlert(messages, { alreadyDelivered: [earlier] });
    await smtp.waitFor(messages.length - 1);
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(
      messages.slice(1).map((message) => message.subject),
    );
    expect(record?.parts[0]).toEqual(earlier);
    expect(record?.parts).toHaveLength(messages.length);
  });

  it('sends when restricted to its own destination', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const destinations = await notifier.destinations();
    const records = await notifier.sendAlert(notifier.formatAlert([alert()]), { destinations });
    expect(records.map((record) => record.destination)).toEqual(destinations);
    await smtp.waitFor(1);
  });

  it('sends nothing, and records nothing, for an empty message list', async () => {
    const smtp = await sink();
    expect(await notifierFor(smtp).sendAlert([])).toEqual([]);
    expect(smtp.connectionCount).toBe(0);
  });

  it('sends nothing when asked only for other destinations', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const records = await notifier.sendAlert(notifier.formatAlert([alert()]), {
      destinations: ['email:other@x.com'],
    });
    expect(records).toEqual([]);
    expect(smtp.connectionCount).toBe(0);
  });

  it('derives a stable Message-ID from the idempotency key and threads follow-ups', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert([alert()]);
    const [first] = await notifier.sendAlert(messages, { idempotencyKey: 'delivery-1' });
    const [again] = await notifier.sendAlert(messages, { idempotencyKey: 'delivery-1' });
    const [other] = await notifier.sendAlert(messages, { idempotencyKey: 'delivery-2', thread: first });
    const firstId = first?.parts[0]?.ref.messageId;
    expect(firstId).toMatch(/^<[0-9a-f]{40}\.0@example\.com>$/);
    expect(again?.parts[0]?.ref.messageId).toBe(firstId);
    expect(other?.parts[0]?.ref.messageId).not.toBe(firstId);
    const received = await smtp.waitFor(3);
    expect(received.map((mail) => mail.messageId)).toEqual([
      firstId,
      firstId,
      other?.parts[0]?.ref.messageId,
    ]);
    expect(received[2]?.parsed.inReplyTo).toBe(firstId);
  });

  it('keeps an injected header out: a CR/LF subject stays one Subject line, recipients unchanged', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const messages = notifier.formatAlert([alert({ title: 'Hi\r\nBcc: victim@evil.example\r\nX-Evil: 1' })]);
    await notifier.sendAlert(messages);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.headerLines.filter((line) => line.key === 'subject')).toHaveLength(1);
    expect(mail?.headerLines.some((line) => line.key === 'bcc' || line.key === 'x-evil')).toBe(false);
    expect(mail?.envelope.rcptTo).toEqual(['soc@example.com', 'lead@example.com']);
    // A message from another formatter gets the same treatment.
    await notifier.sendAlert([
      { subject: 'A\r\nBcc: victim@evil.example', text: 'body', html: '<p>body</p>' },
    ]);
    const [, second] = await smtp.waitFor(2);
    expect(second?.subject).toBe('A Bcc: victim@evil.example');
    expect(second?.envelope.rcptTo).toEqual(['soc@example.com', 'lead@example.com']);
  });

  it('refuses messages it cannot send, saying which field is wrong', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    const bad = await caught(notifier.sendAlert([{ subject: ' ', text: 'x', html: 'x' }]));
    expect(ValidationError.isInstance(bad)).toBe(true);
    expect((bad as Error).message).toContain('messages[0].subject: is missing or empty');
    const spoof = await caught(
      notifier.sendAlert([{ subject: 's', text: 't', html: 'h', headers: { From: 'ceo@x.com' } }]),
    );
    expect((spoof as Error).message).toMatch(/messages\[0\]\.headers: "From" cannot be set by a formatter/);
    expect(smtp.connectionCount).toBe(0);
  });
});
