import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SmtpSink, startSmtpSink } from '@tqalert/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let sink: SmtpSink;
let dir: string;
let caFile: string;

beforeAll(async () => {
  // A login needs TLS (plain-text AUTH is refused by default), so the sink speaks STARTTLS with its own CA.
  sink = await startSmtpSink({ auth: { user: 'alerts', pass: 'smtp-secret-pass' }, tls: 'starttls' });
  dir = mkdtempSync(join(tmpdir(), 'tqalert-email-'));
  caFile = join(dir, 'smtp-ca.pem');
  writeFileSync(caFile, sink.ca as string);
});
afterAll(async () => {
  await sink?.close();
});

const smtpEnv = () => ({
  TQALERT_SMTP_HOST: sink.host,
  TQALERT_SMTP_PORT: String(sink.port),
  TQALERT_SMTP_FROM: 'TQ Alert <tq@example.com>',
  TQALERT_SMTP_USER: 'alerts',
  TQALERT_SMTP_PASS: 'smtp-secret-pass',
  TQALERT_SMTP_CA_FILE: caFile,
});

describe('tqalert email send: free-form email over real SMTP', () => {
  it('sends text + HTML with cc, bcc and an attachment, from the environment', async () => {
    const html = join(dir, 'body.html');
    writeFileSync(html, '<h1>Weekly IOCs</h1><p>See the attachment.</p>');
    const csv = join(dir, 'iocs.csv');
    writeFileSync(csv, 'value,type\n203.0.113.9,IP Address\n');
    sink.clear();
    const r = await runCli(
      [
        'email',
        'send',
        '--to',
        'soc@example.com',
        '--cc',
        'lead@example.com',
        '--bcc',
        'audit@example.com',
        '--subject',
        'Weekly IOC export',
        '--text',
        'See the attachment.',
        '--html-file',
        html,
        '--attach',
        csv,
        '--json',
      ],
      { env: smtpEnv() },
    );
    expect(r.code).toBe(0);
    expect(r.json<{ ok: boolean; accepted: string[] }>().accepted.sort()).toEqual([
      'audit@example.com',
      'lead@example.com',
      'soc@example.com',
    ]);
    const [mail] = await sink.waitFor(1);
    expect(mail?.subject).toBe('Weekly IOC export');
    expect(mail?.text?.trim()).toBe('See the attachment.');
    expect(mail?.html).toContain('<h1>Weekly IOCs</h1>');
    expect(mail?.cc.map((a) => a.address)).toEqual(['lead@example.com']);
    expect(mail?.bcc).toEqual(['audit@example.com']);
    expect(mail?.attachments.map((a) => a.filename)).toEqual(['iocs.csv']);
    expect(mail?.authUser).toBe('alerts');
    expect(r.stdout + r.stderr).not.toContain('smtp-secret-pass');
  });

  it('uses the SMTP settings of a worker config’s email notifier', async () => {
    const config = join(dir, 'tqalert.yaml');
    writeFileSync(
      config,
      `notifiers:\n  - id: soc-mail\n    use: email\n    options: { host: "${sink.host}", port: ${sink.port}, from: tq@example.com, to: [soc@example.com], auth: { user: alerts, pass: "\${SMTP_PASS}" }, tls: { ca: "\${file:${caFile}}" } }\n`,
    );
    sink.clear();
    const r = await runCli(
      [
        'email',
        'send',
        '--config',
        config,
        '--to',
        'a@example.com',
        '--subject',
        'From config',
        '--text',
        'hi',
      ],
      {
        env: { SMTP_PASS: 'smtp-secret-pass' },
      },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sent to a@example.com');
    const [mail] = await sink.waitFor(1);
    expect(mail?.subject).toBe('From config');
  });

  it('validates before sending: missing recipient, body, bad address, missing attachment', async () => {
    sink.clear();
    const noTo = await runCli(['email', 'send', '--subject', 's', '--text', 't'], { env: smtpEnv() });
    expect(noTo.code).toBe(2);
    expect(noTo.stderr).toContain('--to is required');
    const noBody = await runCli(['email', 'send', '--to', 'a@example.com', '--subject', 's'], {
      env: smtpEnv(),
    });
    expect(noBody.code).toBe(2);
    expect(noBody.stderr).toContain('--text');
    const badAddress = await runCli(
      ['email', 'send', '--to', 'not-an-address', '--subject', 's', '--text', 't'],
      { env: smtpEnv() },
    );
    expect(badAddress.code).toBe(2);
    expect(badAddress.stderr).toContain('not-an-address');
    const noFile = await runCli(
      [
        'email',
        'send',
        '--to',
        'a@example.com',
        '--subject',
        's',
        '--text',
        't',
        '--attach',
        join(dir, 'missing.pdf'),
      ],
      { env: smtpEnv() },
    );
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('missing.pdf');
    const noServer = await runCli(
      ['email', 'send', '--to', 'a@example.com', '--subject', 's', '--text', 't'],
      { env: { TQALERT_SMTP_HOST: '' }, cwd: dir },
    );
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('TQALERT_SMTP_HOST');
    expect(sink.messages).toHaveLength(0);
  });

  it('an SMTP 5xx exits 1 with the server’s answer; the password never shows', async () => {
    sink.faults.rejectNext(1, 550, 'mailbox unavailable');
    const r = await runCli(['email', 'send', '--to', 'a@example.com', '--subject', 's', '--text', 't'], {
      env: smtpEnv(),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('550');
    expect(r.stderr).not.toContain('smtp-secret-pass');
  });

  it('11.10 refuses to send a password without TLS unless TQALERT_SMTP_ALLOW_INSECURE_AUTH=true, and then warns', async () => {
    const plain = await startSmtpSink({ auth: { user: 'alerts', pass: 'smtp-secret-pass' } });
    try {
      const env = { ...smtpEnv(), TQALERT_SMTP_PORT: String(plain.port), TQALERT_SMTP_CA_FILE: '' };
      const args = ['email', 'send', '--to', 'a@example.com', '--subject', 's', '--text', 't'];
      const refused = await runCli(args, { env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/STARTTLS/);
      expect(plain.messages).toHaveLength(0);
      const allowed = await runCli(args, { env: { ...env, TQALERT_SMTP_ALLOW_INSECURE_AUTH: 'true' } });
      expect(allowed.code).toBe(0);
      expect(allowed.stderr).toMatch(/unencrypted|insecure/i);
      expect(allowed.stderr).not.toContain('smtp-secret-pass');
      expect(plain.messages).toHaveLength(1);
    } finally {
      await plain.close();
    }
  });
});
