import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxSnapshot } from './inbox/inbox-snapshot.js';
import { type Sandbox, startSandbox } from './sandbox.js';
import { callIZoologic, postSlackMessage, sendMail } from './test-deliveries.js';

let sandbox: Sandbox;

beforeAll(async () => {
  // Slack's per-channel rate limit is the notifier's business; these tests post back to back.
  sandbox = await startSandbox({
    activityEverySeconds: false,
    slack: { rateLimitPerChannelPerSecond: false },
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

async function snapshot(): Promise<InboxSnapshot> {
  const response = await fetch(`${sandbox.inbox.url}/api/messages`);
  expect(response.status).toBe(200);
  return (await response.json()) as InboxSnapshot;
}

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startSandbox', () => {
  it('puts every stand-in on 127.0.0.1, each on its own port', () => {
    const urls = [sandbox.threatq.url, sandbox.izoologic.url, sandbox.slack.url, sandbox.inbox.url];
    for (const url of urls) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.smtp.host).toBe('127.0.0.1');
    const ports = [...urls.map((u) => new URL(u).port), String(sandbox.smtp.port)];
    expect(new Set(ports).size).toBe(5);
    expect(sandbox.slack.apiUrl).toBe(`${sandbox.slack.url}/api/`);
  });

  it('serves a ThreatQ that accepts the fixture credentials', async () => {
    const { email, password, clientId } = sandbox.threatq.credentials;
    const response = await fetch(`${sandbox.threatq.url}/api/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', email, password, client_id: clientId }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { access_token?: string }).access_token).toBeTruthy();
  });

  it('makes scripted ThreatQ changes on demand: a watched object and every data collection', () => {
    const before = sandbox.threatq.fake.state.count('indicators');
    const step = sandbox.activity.step();
    expect(step.watched).toBeDefined();
    expect(step.dataCollections.length).toBeGreaterThan(0);
    expect(step.dataCollections.some((d) => d.kind === 'new')).toBe(true);
    expect(sandbox.threatq.fake.state.count('indicators')).toBeGreaterThan(before);
    expect(sandbox.activity.everyMs).toBeUndefined();
  });

  it('shows a Slack message, its thread reply and an email in the inbox JSON, rendered and escaped', async () => {
    const parent = await postSlackMessage(sandbox, {
      channel: 'tq-alerts',
      text: 'Score raised on 198.51.100.7',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Score raised <b>now</b>' } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Indicator* <https://tq.example/i/7|198.51.100[.]7>' },
        },
      ],
    });
    await postSlackMessage(sandbox, { channel: 'tq-alerts', text: 'and again', thread_ts: parent });
    await sendMail(sandbox.smtp, {
      from: 'alerts@tqalert.test',
      to: 'soc@example.com',
      subject: 'Data collection: 3 new matches',
      text: 'Three new matches',
      html: '<h1>Three new matches</h1><script>alert(1)</script>',
    });
    const data = await snapshot();
    expect(data.counts).toEqual({ slack: 2, email: 1 });
    const channel = data.slack.find((c) => c.label === '#tq-alerts');
    expect(channel?.threads).toHaveLength(1);
    const thread = channel?.threads[0];
    expect(thread?.replies.map((r) => r.text)).toEqual(['and again']);
    expect(thread?.card).toContain('Score raised &lt;b&gt;now&lt;/b&gt;');
    expect(thread?.card).toContain('<a href="https://tq.example/i/7"');
    const mail = data.emails[0];
    expect(mail?.subject).toBe('Data collection: 3 new matches');
    // Same-origin (so the page can size the frame to its content) but no allow-scripts.
    expect(mail?.card).toContain('sandbox="allow-same-origin"');
    expect(mail?.card.replace(/srcdoc="[^"]*"/, '')).not.toContain('<script');
  });

  it('shows the iZoologic cases and every case action that reached the stand-in, without credentials', async () => {
    const before = await fetch(`${sandbox.inbox.url}/api/messages`);
    const etag = before.headers.get('etag') ?? '';
    await callIZoologic(sandbox, 'ApproveCaseTakedown', {
      body: { ids: 'INC100003', clientCode: 'GLOBEX', remark: 'Go ahead' },
    });
    // Refused (a monitoring case cannot be approved for takedown), still listed: it reached the stand-in.
    const refused = await callIZoologic(sandbox, 'ApproveCaseTakedown', { body: { ids: 'MON200002' } });
    expect(refused.success).toBe(false);

    const after = await fetch(`${sandbox.inbox.url}/api/messages`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const raw = await after.text();
    const data = JSON.parse(raw) as InboxSnapshot;
    const approvals = data.izoologic?.actions.filter((a) => a.route === 'ApproveCaseTakedown');
    expect(approvals?.map((a) => a.fields)).toEqual([
      { ids: 'INC100003', clientCode: 'GLOBEX', remark: 'Go ahead' },
      { ids: 'MON200002' },
    ]);
    const approved = data.izoologic?.cases.find((c) => c.id === 'INC100003');
    expect(approved?.status).toBe('Open');
    expect(approved?.history.map((e) => e.action)).toEqual(['approve']);
    expect(data.izoologic?.card).toContain('data-case-id="INC100003"');
    // Neither the keys nor the bearer tokens the requests carried reach the page.
    expect(raw).not.toContain(sandbox.izoologic.credentials.apikey);
    expect(raw).not.toContain(sandbox.izoologic.credentials.secretkey);
    expect(sandbox.izoologic.fake.state.tokens.size).toBeGreaterThan(0);
    for (const token of sandbox.izoologic.fake.state.tokens) expect(raw).not.toContain(token);
  });

  it('answers an unchanged poll with 304, and serves the page with a nonce-only script policy', async () => {
    const first = await fetch(`${sandbox.inbox.url}/api/messages`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${sandbox.inbox.url}/api/messages`, {
      headers: { 'if-none-match': etag ?? '' },
    });
    expect(again.status).toBe(304);

    const page = await fetch(`${sandbox.inbox.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await page.text();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).toContain('Score raised &lt;b&gt;now&lt;/b&gt;');
    expect(html).not.toMatch(/<(link|img|script) [^>]*src=/);
  });

  it('shows a chat.update edit in place, and a new ETag tells the page to refresh', async () => {
    const before = await fetch(`${sandbox.inbox.url}/api/messages`);
    const etag = before.headers.get('etag') ?? '';
    const channel = (await before.json()) as InboxSnapshot;
    const parentTs = channel.slack.find((c) => c.label === '#tq-alerts')?.threads[0]?.ts;
    const response = await fetch(`${sandbox.slack.apiUrl}chat.update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.slack.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'tq-alerts', ts: parentTs, text: 'Score raised again', blocks: [] }),
    });
    expect(await response.json()).toMatchObject({ ok: true });
    const after = await fetch(`${sandbox.inbox.url}/api/messages`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const thread = ((await after.json()) as InboxSnapshot).slack.find((c) => c.label === '#tq-alerts')
      ?.threads[0];
    expect(thread?.ts).toBe(parentTs);
    expect(thread?.card).toContain('Score raised again');
    expect(thread?.card).toContain('edited');
  });

  it('refuses requests addressed to another host name (DNS rebinding) and writes', async () => {
    expect(await getWithHost(`${sandbox.inbox.url}/api/messages`, 'evil.example')).toBe(421);
    expect((await fetch(`${sandbox.inbox.url}/api/messages`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${sandbox.inbox.url}/nope`)).status).toBe(404);
  });

  it('frees every port on stop, and a second stop is harmless', async () => {
    const other = await startSandbox({ activityEverySeconds: false });
    await other.stop();
    await other.stop();
    await expect(fetch(`${other.inbox.url}/api/messages`)).rejects.toThrow();
    await expect(fetch(`${other.threatq.url}/api/token`, { method: 'POST' })).rejects.toThrow();
  });

  it('rejects bad options with what to change', async () => {
    await expect(startSandbox({ ports: { inbox: 70_000 } })).rejects.toThrow(
      /ports\.inbox must be a whole number/,
    );
    await expect(startSandbox({ activityEverySeconds: -1 })).rejects.toThrow(/activityEverySeconds/);
  });
});

describe('scripted activity', () => {
  it('steps on its own when a period is given', async () => {
    const steps: number[] = [];
    const busy = await startSandbox({ activityEverySeconds: 0.05, onActivity: (s) => steps.push(s.step) });
    try {
      await expect.poll(() => steps.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      expect(steps.slice(0, 2)).toEqual([1, 2]);
      expect(busy.activity.everyMs).toBe(50);
      busy.activity.stop();
      const stoppedAt = steps.length;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(steps.length).toBe(stoppedAt);
    } finally {
      await busy.stop();
    }
  });
});
