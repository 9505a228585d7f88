// Opens the inbox page in a real headless Chromium and checks what a person would see: a delivered alert's
// title rendered as a heading (not raw JSON), its thread reply, an email's HTML body in its sandboxed frame,
// and that nothing a message carries runs as script.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { postSlackMessage, sendMail } from '../test-deliveries.js';
import { CHROMIUM_ARGS, requireChromium } from './find-chromium.js';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const ALERT_TITLE = 'Watchlist: score of 198.51.100.7 raised to 9';

beforeAll(async () => {
  sandbox = await startSandbox({ activityEverySeconds: false });
  browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    pageErrors.push(`dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('inbox page in Chromium', () => {
  it('shows an alert delivered after the page opened, rendered, with its thread, and an email', async () => {
    await page.goto(sandbox.inbox.url);
    await page.getByText('No Slack message yet.').waitFor();

    const parent = await postSlackMessage(sandbox, {
      channel: 'tq-alerts',
      text: `${ALERT_TITLE} <img src=x onerror=alert(1)>`,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: ALERT_TITLE } },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*Indicator* <https://threatq.example/indicators/7|198.51.100[.]7> <script>alert(2)</script>',
          },
          fields: [
            { type: 'mrkdwn', text: '*Score*\n5 → *9*' },
            { type: 'mrkdwn', text: '*Status*\nActive' },
          ],
        },
        {
          type: 'context',
          elements: [{ type: 'mrkdwn', text: 'Source: _Example Feed_ · <javascript:alert(3)|not a link>' }],
        },
        { type: 'divider' },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              text: { type: 'plain_text', text: 'Open in ThreatQ' },
              url: 'https://threatq.example/indicators/7',
              style: 'primary',
            },
          ],
        },
      ],
    });
    await postSlackMessage(sandbox, {
      channel: 'tq-alerts',
      text: 'Score changed again: 9 → 10',
      thread_ts: parent,
    });
    await sendMail(sandbox.smtp, {
      from: 'alerts@tqalert.test',
      to: 'soc@example.com',
      subject: 'TQ Alert: 2 new matches in High score',
      text: 'Two new matches in High score.',
      html: '<h1 style="color:#4a154b">Two new matches</h1><p>In <b>High score</b>.</p><script>parent.alert(4)</script>',
    });

    // The page polls once a second: the alert appears without a reload.
    const header = page.locator('h3.blk-header', { hasText: ALERT_TITLE });
    await header.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await header.isVisible()).toBe(true);

    const card = page.locator('article.msg', { has: header });
    expect(await card.locator('.channel-name').count()).toBe(0);
    expect(await page.locator('.channel-name', { hasText: '#tq-alerts' }).isVisible()).toBe(true);
    expect(await card.locator('.blk-field strong', { hasText: 'Score' }).isVisible()).toBe(true);
    const link = card.locator('a', { hasText: '198.51.100[.]7' });
    expect(await link.getAttribute('href')).toBe('https://threatq.example/indicators/7');
    expect(await card.locator('a.btn-primary', { hasText: 'Open in ThreatQ' }).isVisible()).toBe(true);
    // The thread reply sits inside the parent's card.
    await card
      .locator('.thread .reply', { hasText: 'Score changed again: 9 → 10' })
      .waitFor({ state: 'visible' });
    // Markup in the message is text, not elements; the javascript: link is not a link.
    expect(await card.locator('script, img').count()).toBe(0);
    expect(await card.getByText('<script>alert(2)</script>').isVisible()).toBe(true);
    expect(await card.locator('a', { hasText: 'not a link' }).count()).toBe(0);
    // What the person sees is the rendered card, not the JSON it came in.
    expect(await page.locator('body').textContent()).not.toContain('"type":"header"');

    const mail = page.locator('article.mail', { hasText: 'TQ Alert: 2 new matches in High score' });
    await mail.waitFor({ state: 'visible', timeout: 15_000 });
    // Same-origin only so the page can size it; no allow-scripts: the email's <script> never runs (no dialog).
    expect(await mail.locator('iframe.mail-html').getAttribute('sandbox')).toBe('allow-same-origin');
    const body = page.frameLocator('iframe.mail-html').locator('h1');
    await body.waitFor({ state: 'visible' });
    expect(await body.textContent()).toBe('Two new matches');

    const dir = mkdtempSync(join(tmpdir(), 'tqalert-inbox-'));
    const file = join(dir, 'inbox.png');
    await page.screenshot({ path: file, fullPage: true });
    console.info(`inbox screenshot: ${file}`);

    expect(pageErrors).toEqual([]);
    expect(await page.locator('#status').textContent()).toBe('live');
  });
});
