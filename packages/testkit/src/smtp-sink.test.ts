import { X509Certificate } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from './smtp-sink.js';

/**
 * A deliberately small SMTP client written against the wire protocol, so the sink is tested on its own rather
 * than through the mail library the notifier uses.
 */
interface Reply {
  code: number;
  text: string;
}

class WireClient {
  private buffer = '';
  private lines: string[] = [];
  private pending: ((reply: Reply) => void) | undefined;
  private failure: ((error: Error) => void) | undefined;

  private constructor(private socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  static open(port: number, tls?: { ca?: string }): Promise<{ client: WireClient; greeting: Reply }> {
    return new Promise((resolve, reject) => {
      const socket = tls
        ? connectTls({ host: '127.0.0.1', port, ...(tls.ca ? { ca: tls.ca } : {}) })
        : connectTcp({ host: '127.0.0.1', port });
      socket.once('error', reject);
      const client = new WireClient(socket);
      client.next().then((greeting) => {
        socket.off('error', reject);
        resolve({ client, greeting });
      }, reject);
    });
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end = this.buffer.indexOf('\r\n');
      while (end !== -1) {
        this.lines.push(this.buffer.slice(0, end));
        this.buffer = this.buffer.slice(end + 2);
        end = this.buffer.indexOf('\r\n');
      }
      this.deliver();
    });
    socket.on('error', (error) => this.failure?.(error));
    socket.on('close', () => this.failure?.(new Error('connection closed')));
  }

  private deliver(): void {
    const last = this.lines.findIndex((line) => /^\d{3} /.test(line) || /^\d{3}$/.test(line));
    if (last === -1 || !this.pending) return;
    const reply = this.lines.splice(0, last + 1);
    const resolve = this.pending;
    this.pending = undefined;
    resolve({ code: Number(reply[0]?.slice(0, 3)), text: reply.map((line) => line.slice(4)).join('\n') });
  }

  next(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.pending = resolve;
      this.failure = reject;
      this.deliver();
    });
  }

  send(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.next();
  }

  async startTls(ca: string | undefined): Promise<void> {
    const reply = await this.send('STARTTLS');
    expect(reply.code).toBe(220);
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    this.socket.removeAllListeners('error');
    const secure = connectTls({ socket: this.socket, servername: 'localhost', ...(ca ? { ca } : {}) });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.attach(secure);
  }

  end(): void {
    this.failure = undefined;
    this.socket.destroy();
  }
}

const sinks: SmtpSink[] = [];
const clients: WireClient[] = [];

async function sink(options?: SmtpSinkOptions): Promise<SmtpSink> {
  const started = await startSmtpSink(options);
  sinks.push(started);
  return started;
}

async function open(port: number, tls?: { ca?: string }): Promise<WireClient> {
  const { client, greeting } = await WireClient.open(port, tls);
  clients.push(client);
  expect(greeting.code).toBe(220);
  await client.send('EHLO client.test');
  return client;
}

async function deliver(client: WireClient, from: string, to: string[], message: string): Promise<Reply> {
  const mail = await client.send(`MAIL FROM:<${from}>`);
  if (mail.code !== 250) return mail;
  for (const rcpt of to) {
    const reply = await client.send(`RCPT TO:<${rcpt}>`);
    if (reply.code !== 250) return reply;
  }
  const data = await client.send('DATA');
  if (data.code !== 354) return data;
  // Dot-stuffing: a line that starts with a dot gets one more.
  return client.send(`${message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`);
}

const SIMPLE = ['From: bot@example.com', 'To: soc@example.com', 'Subject: hello', '', 'body'].join('\r\n');

afterEach(async () => {
  for (const client of clients.splice(0)) client.end();
  await Promise.all(sinks.splice(0).map((started) => started.close()));
});

describe('startSmtpSink', () => {
  it('listens on 127.0.0.1 and parses a multipart message with Cc, Bcc and an attachment', async () => {
    const smtp = await sink();
    expect(smtp.host).toBe('127.0.0.1');
    expect(smtp.port).toBeGreaterThan(0);
    const client = await open(smtp.port);
    const message = [
      'From: "Alert Bot" <bot@example.com>',
      'To: soc@example.com',
      'Cc: "Lead" <lead@example.com>',
      'Subject: =?UTF-8?B?VGVzdCDinJM=?=',
      'Message-ID: <m1@example.com>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'plain body',
      '.starts with a dot',
      '--alt',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>html body</p>',
      '--alt--',
      '--mix',
      'Content-Type: text/csv; name="iocs.csv"',
      'Content-Disposition: attachment; filename="iocs.csv"',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('value\nevil.example\n').toString('base64'),
      '--mix--',
    ].join('\r\n');
    const reply = await deliver(
      client,
      'bot@example.com',
      ['soc@example.com', 'lead@example.com', 'hidden@example.com'],
      message,
    );
    expect(reply.code).toBe(250);

    const [mail] = await smtp.waitFor(1);
    expect(mail?.envelope).toEqual({
      mailFrom: 'bot@example.com',
      rcptTo: ['soc@example.com', 'lead@example.com', 'hidden@example.com'],
    });
    expect(mail?.from).toEqual([{ address: 'bot@example.com', name: 'Alert Bot' }]);
    expect(mail?.to.map((a) => a.address)).toEqual(['soc@example.com']);
    expect(mail?.cc).toEqual([{ address: 'lead@example.com', name: 'Lead' }]);
    expect(mail?.bcc).toEqual(['hidden@example.com']);
    expect(mail?.subject).toBe('Test ✓');
    expect(mail?.text).toContain('plain body\n.starts with a dot');
    expect(mail?.html).toContain('<p>html body</p>');
    expect(mail?.messageId).toBe('<m1@example.com>');
    expect(mail?.attachments).toHaveLength(1);
    expect(mail?.attachments[0]?.filename).toBe('iocs.csv');
    expect(mail?.attachments[0]?.content.toString()).toBe('value\nevil.example\n');
    expect(mail?.headerLines.filter((line) => line.key === 'subject')).toHaveLength(1);
    expect(mail?.size).toBe(mail?.raw.length);
    expect(mail?.raw.toString()).toContain('Subject: =?UTF-8?B?VGVzdCDinJM=?=');
    expect(mail?.secure).toBe(false);
    expect(mail?.authUser).toBeUndefined();
    expect(smtp.connectionCount).toBe(1);
  });

  it('waitFor rejects with the count it got when too few messages arrive in time', async () => {
    const smtp = await sink();
    const client = await open(smtp.port);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    await expect(smtp.waitFor(1)).resolves.toHaveLength(1);
    await expect(smtp.waitFor(2, 50)).rejects.toThrow(
      /waitFor\(2\): only 1 message\(s\) arrived within 50 ms/,
    );
    smtp.clear();
    expect(smtp.messages).toHaveLength(0);
  });

  it('requires AUTH when auth is set and records who authenticated', async () => {
    const smtp = await sink({ auth: { user: 'bot', pass: 'correct horse' } });
    const client = await open(smtp.port);
    expect((await client.send('MAIL FROM:<a@example.com>')).code).toBe(530);
    const wrong = Buffer.from('\0bot\0wrong').toString('base64');
    expect((await client.send(`AUTH PLAIN ${wrong}`)).code).toBe(535);
    const right = Buffer.from('\0bot\0correct horse').toString('base64');
    expect((await client.send(`AUTH PLAIN ${right}`)).code).toBe(235);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.authUser).toBe('bot');
  });

  it('neither offers nor accepts AUTH or STARTTLS when they are not set', async () => {
    const smtp = await sink();
    const { client } = await WireClient.open(smtp.port);
    clients.push(client);
    const ehlo = await client.send('EHLO client.test');
    expect(ehlo.text).not.toMatch(/AUTH/);
    expect(ehlo.text).not.toMatch(/STARTTLS/);
    // Not just hidden: a client that insists on STARTTLS is refused rather than given smtp-server's own certificate.
    expect((await client.send('STARTTLS')).code).toBeGreaterThanOrEqual(500);
  });

  it('rejects the next messages with the given 4xx/5xx reply, then accepts again', async () => {
    const smtp = await sink();
    smtp.faults.rejectNext(2, 451, 'try later');
    smtp.faults.rejectNext(1, 550, 'sender blocked', { at: 'mail' });
    const client = await open(smtp.port);
    expect(await client.send('MAIL FROM:<a@example.com>')).toEqual({ code: 550, text: 'sender blocked' });
    expect(await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).toEqual({
      code: 451,
      text: 'try later',
    });
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(451);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    expect(smtp.messages).toHaveLength(1);
  });

  it('lets `after` messages through before rejecting', async () => {
    const smtp = await sink();
    smtp.faults.rejectNext(1, 554, 'second one fails', { after: 1 });
    const client = await open(smtp.port);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(554);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    expect(smtp.messages).toHaveLength(2);
  });

  it('refuses a listed recipient at RCPT TO and accepts the others', async () => {
    const smtp = await sink();
    smtp.faults.rejectRecipient('Nobody@Example.com', 550, 'no such user');
    const client = await open(smtp.port);
    expect((await client.send('MAIL FROM:<a@example.com>')).code).toBe(250);
    expect(await client.send('RCPT TO:<nobody@example.com>')).toEqual({ code: 550, text: 'no such user' });
    expect((await client.send('RCPT TO:<soc@example.com>')).code).toBe(250);
    smtp.faults.reset();
    expect((await client.send('RCPT TO:<nobody@example.com>')).code).toBe(250);
  });

  it('explains wrong fault and start arguments', async () => {
    const smtp = await sink();
    expect(() => smtp.faults.rejectNext(1, 250, 'ok')).toThrow(
      /code must be an SMTP error reply from 400 to 599.*got 250/,
    );
    expect(() => smtp.faults.rejectNext(0, 450, 'x')).toThrow(/count must be a whole number ≥ 1, got 0/);
    expect(() => smtp.faults.rejectNext(1, 450, 'x', { after: -1 })).toThrow(
      /after must be a whole number ≥ 0/,
    );
    expect(() => smtp.faults.slowGreeting(-1)).toThrow(/ms must be a number ≥ 0/);
    await expect(startSmtpSink({ tls: 'ssl' as never })).rejects.toThrow(
      /tls must be 'starttls' or 'implicit', got "ssl"/,
    );
    await expect(startSmtpSink({ auth: { user: 'bot', pass: '' } })).rejects.toThrow(
      /auth needs a non-empty user and pass/,
    );
  });

  it('refuses a message over maxMessageBytes with 552', async () => {
    const smtp = await sink({ maxMessageBytes: 200 });
    const client = await open(smtp.port);
    const reply = await deliver(
      client,
      'a@example.com',
      ['b@example.com'],
      `${SIMPLE}\r\n${'x'.repeat(500)}`,
    );
    expect(reply.code).toBe(552);
    expect(smtp.messages).toHaveLength(0);
  });

  it('goes down (connection refused, open connections dropped) and comes back on the same port', async () => {
    const smtp = await sink();
    const idle = await open(smtp.port);
    const dropped = idle.next();
    await smtp.faults.down();
    expect(smtp.isUp).toBe(false);
    await expect(dropped).rejects.toThrow(/connection closed|ECONNRESET/);
    await expect(WireClient.open(smtp.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await smtp.faults.up();
    expect(smtp.isUp).toBe(true);
    const client = await open(smtp.port);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    await expect(smtp.waitFor(1)).resolves.toHaveLength(1);
  });

  it('delays the greeting while slowGreeting is set', async () => {
    const smtp = await sink();
    smtp.faults.slowGreeting(60_000);
    const socket = connectTcp({ host: '127.0.0.1', port: smtp.port });
    const received: string[] = [];
    socket.on('data', (chunk) => received.push(chunk.toString()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received).toEqual([]);
    socket.destroy();
    smtp.faults.slowGreeting(0);
    const client = await open(smtp.port);
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
  });

  it('close() rejects a pending waitFor and frees the port', async () => {
    const smtp = await startSmtpSink();
    const waiting = smtp.waitFor(1, 10_000);
    await smtp.close();
    await expect(waiting).rejects.toThrow(/closed while waiting for 1 message/);
    await expect(WireClient.open(smtp.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('startSmtpSink TLS', () => {
  it('makes a fresh self-signed certificate for 127.0.0.1 and localhost, valid now', async () => {
    const smtp = await sink({ tls: 'starttls' });
    const cert = new X509Certificate(smtp.ca ?? '');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
    const other = await sink({ tls: 'starttls' });
    expect(other.ca).not.toBe(smtp.ca);
  });

  it('upgrades with STARTTLS when the client trusts sink.ca, and marks the message secure', async () => {
    const smtp = await sink({ tls: 'starttls' });
    const client = await open(smtp.port);
    await client.startTls(smtp.ca);
    await client.send('EHLO client.test');
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.secure).toBe(true);
  });

  it('is refused as self-signed by a client that does not trust it', async () => {
    const smtp = await sink({ tls: 'starttls' });
    const client = await open(smtp.port);
    await expect(client.startTls(undefined)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('speaks TLS from the first byte in implicit mode', async () => {
    const smtp = await sink({ tls: 'implicit' });
    const client = await open(smtp.port, { ca: smtp.ca ?? '' });
    expect((await deliver(client, 'a@example.com', ['b@example.com'], SIMPLE)).code).toBe(250);
    expect((await smtp.waitFor(1))[0]?.secure).toBe(true);
  });
});
