// Test helpers that deliver to the sandbox the way the real notifiers do, without needing them: a Slack Web API
// call over HTTP, and an email over a plain SMTP conversation on a socket.
import { connect, type Socket } from 'node:net';
import type { Sandbox } from './sandbox.js';

/**
 * Posts a message through the Slack fake's `chat.postMessage`, waiting out a 429 as Slack clients do (the fake
 * allows about one message a second per channel); resolves with the message ts.
 */
export async function postSlackMessage(
  sandbox: Pick<Sandbox, 'slack'>,
  message: { channel: string; text: string; blocks?: unknown[]; thread_ts?: string },
): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${sandbox.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sandbox.slack.token}`,
        'content-type': 'application/json; charset=utf-8',
      },
      body: JSON.stringify(message),
    });
    const body = (await response.json()) as { ok: boolean; ts?: string; error?: string };
    if (response.status === 429 && attempt < 5) {
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(seconds) ? seconds : 1) * 1000));
      continue;
    }
    if (!body.ok || !body.ts) throw new Error(`chat.postMessage failed: ${body.error ?? response.status}`);
    return body.ts;
  }
}

function replies(socket: Socket): () => Promise<string> {
  let buffer = '';
  const waiting: Array<(line: string) => void> = [];
  const ready: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply is complete at its last line, "NNN text" (continuation lines are "NNN-text").
    for (
      let match = /^(?:\d{3}-[^\n]*\n)*\d{3} [^\n]*\n/.exec(buffer);
      match;
      match = /^(?:\d{3}-[^\n]*\n)*\d{3} [^\n]*\n/.exec(buffer)
    ) {
      buffer = buffer.slice(match[0].length);
      const next = waiting.shift();
      if (next) next(match[0]);
      else ready.push(match[0]);
    }
  });
  return () => {
    const queued = ready.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      waiting.push(resolve);
      socket.once('error', reject);
    });
  };
}

/** Sends one multipart/alternative email (text and HTML) over SMTP, as a mail client would. */
export async function sendMail(
  server: { host: string; port: number },
  mail: { from: string; to: string; subject: string; text: string; html: string },
): Promise<void> {
  const socket = connect(server.port, server.host);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const next = replies(socket);
  const expect = async (code: string, sent: string) => {
    const reply = await next();
    if (!reply.startsWith(code)) throw new Error(`SMTP: after ${sent} expected ${code}, got ${reply.trim()}`);
  };
  const say = async (line: string, code: string) => {
    socket.write(`${line}\r\n`);
    await expect(code, line);
  };
  try {
    await expect('220', 'connecting');
    await say('EHLO sandbox-test', '250');
    await say(`MAIL FROM:<${mail.from}>`, '250');
    await say(`RCPT TO:<${mail.to}>`, '250');
    await say('DATA', '354');
    const boundary = 'sandbox-test-boundary';
    const message = [
      `From: TQ Alert <${mail.from}>`,
      `To: ${mail.to}`,
      `Subject: ${mail.subject}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      mail.text,
      `--${boundary}`,
      'Content-Type: text/html; charset=utf-8',
      '',
      mail.html,
      `--${boundary}--`,
      '',
    ]
      .join('\r\n')
      .replace(/^\./gm, '..');
    await say(`${message}\r\n.`, '250');
    await say('QUIT', '221');
  } finally {
    socket.destroy();
  }
}

/**
 * Calls one iZoologic case action on the sandbox's stand-in over HTTP, as the CLI does: a token from
 * Authenticate, then the action with `query` in the URL and `body` as JSON. Resolves with the answer's envelope.
 */
export async function callIZoologic(
  sandbox: Pick<Sandbox, 'izoologic'>,
  route: string,
  input: { query?: Record<string, string>; body?: Record<string, unknown> },
): Promise<{ success: boolean; message: string | null; result: unknown }> {
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${sandbox.izoologic.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    if (!response.ok) throw new Error(`iZoologic ${path}: HTTP ${response.status}`);
    return (await response.json()) as { success: boolean; message: string | null; result: unknown };
  };
  const auth = await post('/api/Token/Authenticate', sandbox.izoologic.credentials);
  const token = (auth.result as { accessToken?: string } | null)?.accessToken;
  if (!token) throw new Error(`iZoologic Authenticate failed: ${auth.message ?? 'no token'}`);
  const query = new URLSearchParams(input.query ?? {}).toString();
  return post(`/api/ThreatManagement/${route}${query ? `?${query}` : ''}`, input.body, token);
}
