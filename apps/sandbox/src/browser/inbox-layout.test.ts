// The inbox page's layout in a real headless Chromium, and a screenshot of it: an email body as tall as its
// content (no scrollbar inside its frame, a wide table wrapped), a long thread folded to its last replies with
// "Show all", emoji that stay readable without an emoji font, human times with the ISO instant on hover, one
// defanged style in Slack and email, and the iZoologic panel showing what reached the stand-in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Frame, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VISIBLE_REPLIES } from '../inbox/render-slack.js';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { callIZoologic, postSlackMessage, sendMail } from '../test-deliveries.js';
import { CHROMIUM_ARGS, requireChromium } from './find-chromium.js';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const TITLE = ':rotating_light: Watchlist: hxxps://evil[.]example/login changed';
const REPLIES = 6;

/** An email taller than any default frame, with a table far wider than the page's email column. */
function tallWideEmail(): string {
  const cells = (row: number) =>
    Array.from(
      { length: 8 },
      (_, col) => `<td>hxxps://very-long-host-name-${row}-${col}[.]example/path/${'x'.repeat(30)}</td>`,
    ).join('');
  const rows = Array.from({ length: 6 }, (_, row) => `<tr>${cells(row)}</tr>`).join('');
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) => `<p>Match ${i + 1}: 198.51.100[.]${i + 1} scored ${i % 10} in High score.</p>`,
  ).join('');
  return `<!DOCTYPE html><html><body style="margin:0"><h1>Digest: 12 matches</h1>${paragraphs}<table width="1800" border="1" style="border-collapse:collapse">${rows}</table><p>End of digest.</p></body></html>`;
}

/** Whether fontconfig knows a colour font with 🚨: the oracle for which emoji look the page should pick. */
function systemHasColourEmoji(): boolean {
  try {
    return execFileSync('fc-list', [':charset=1f6a8:color=True'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return false;
  }
}

async function mailFrame(): Promise<Frame> {
  const handle = await page.locator('article.mail iframe.mail-html').first().elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the email has no frame');
  return frame;
}

/** The email frame's document: how tall and wide its content is against what the frame shows. */
function frameBox(frame: Frame) {
  return frame.locator('html').evaluate((root) => {
    return {
      scrollHeight: root.scrollHeight,
      clientHeight: root.clientHeight,
      scrollWidth: root.scrollWidth,
      clientWidth: root.clientWidth,
    };
  });
}

/** What a reader sees of an element's text style: font, background and colour. */
function lookOf(element: Locator): Promise<string> {
  return element.evaluate((el) => {
    const style = el.ownerDocument.defaultView?.getComputedStyle(el);
    return [style?.fontFamily, style?.backgroundColor, style?.color].join(' | ');
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    activityEverySeconds: false,
    slack: { rateLimitPerChannelPerSecond: false },
  });
  browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('inbox page layout in Chromium', () => {
  it('fits email bodies, folds long threads, keeps emoji readable and shows the iZoologic actions', async () => {
    const parent = await postSlackMessage(sandbox, {
      channel: 'tq-alerts',
      text: TITLE,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: TITLE } },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Indicator* 198.51.100[.]7 :warning: seen by :made_up_feed:' },
        },
      ],
    });
    for (let i = 1; i <= REPLIES; i += 1) {
      await postSlackMessage(sandbox, {
        channel: 'tq-alerts',
        text: `Update ${i}: score ${i}`,
        thread_ts: parent,
      });
    }
    await sendMail(sandbox.smtp, {
      from: 'alerts@tqalert.test',
      to: 'soc@example.com',
      subject: 'TQ Alert digest: 12 matches in High score',
      text: 'Twelve matches.',
      html: tallWideEmail(),
    });
    const sent = await callIZoologic(sandbox, 'SendCaseMessage', {
      query: { CaseID: 'INC100001', ClientCode: 'ACME', Subject: 'Takedown status', Message: 'Any news?' },
    });
    expect(sent.success).toBe(true);
    await callIZoologic(sandbox, 'MoveCase', {
      body: { caseID: 'MON200001', clientCode: 'ACME', moveToCaseType: 6, comment: 'Now an incident' },
    });
    // Refused by the stand-in (a closed allow-list case cannot move), still shown: it reached the stand-in.
    await callIZoologic(sandbox, 'MoveCase', {
      body: { caseID: 'ALT300001', clientCode: 'ACME', moveToCaseType: 1, comment: 'Refused move' },
    });

    await page.goto(sandbox.inbox.url);
    const card = page.locator('article.msg', { has: page.locator('h3.blk-header') });
    await card.waitFor({ state: 'visible', timeout: 15_000 });

    // The email frame grows to its content: nothing scrolls inside it, and the wide table wraps to its width.
    const frame = await mailFrame();
    await frame.locator('text=End of digest.').waitFor();
    await expect
      .poll(async () => (await frameBox(frame)).clientHeight, { timeout: 5_000 })
      .toBeGreaterThan(600);
    const box = await frameBox(frame);
    expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight);
    expect(box.scrollWidth).toBeLessThanOrEqual(box.clientWidth);
    // A narrower window wraps more lines: the frame follows, still without a scrollbar.
    await page.setViewportSize({ width: 1000, height: 1000 });
    await expect
      .poll(async () => {
        const narrow = await frameBox(frame);
        return narrow.scrollHeight <= narrow.clientHeight && narrow.scrollWidth <= narrow.clientWidth;
      })
      .toBe(true);
    await page.setViewportSize({ width: 1500, height: 1000 });

    // The long thread shows its last replies only; "Show all" opens the earlier ones.
    const visibleReplies = () =>
      card.locator('.reply').evaluateAll((nodes) =>
        // Inside a closed <details> a reply is laid out but hidden (content-visibility), so ask the browser.
        nodes.filter((n) => n.checkVisibility()).map((n) => n.textContent ?? ''),
      );
    const latest = await visibleReplies();
    expect(latest).toHaveLength(VISIBLE_REPLIES);
    expect(latest.every((text, i) => text.includes(`Update ${REPLIES - VISIBLE_REPLIES + 1 + i}:`))).toBe(
      true,
    );
    const showAll = card.getByText(`Show all ${REPLIES} replies`);
    expect(await showAll.isVisible()).toBe(true);
    await showAll.click();
    expect(await visibleReplies()).toHaveLength(REPLIES);
    // A new reply re-renders the card; the thread the reader opened stays open.
    await postSlackMessage(sandbox, { channel: 'tq-alerts', text: 'Update 7: score 7', thread_ts: parent });
    await card.getByText('Update 7: score 7').waitFor({ timeout: 15_000 });
    expect(await visibleReplies()).toHaveLength(REPLIES + 1);

    // Emoji: a colour glyph where the system has a colour emoji font, else the shortcode as a chip.
    const emoji = card.locator('h3.blk-header .emoji');
    expect(await emoji.getAttribute('title')).toBe(':rotating_light:');
    const shownAs = await emoji.evaluate((el) => ({
      fallback: el.ownerDocument.documentElement.classList.contains('no-emoji-font'),
      after: el.ownerDocument.defaultView?.getComputedStyle(el, '::after').content,
    }));
    if (systemHasColourEmoji()) expect(shownAs).toEqual({ fallback: false, after: 'none' });
    else expect(shownAs).toEqual({ fallback: true, after: '":rotating_light:"' });
    expect(await card.locator('.emoji-sc', { hasText: ':made_up_feed:' }).isVisible()).toBe(true);

    // Times: human text, the exact instant on hover.
    const time = card.locator('.msg-head time').first();
    expect(await time.textContent()).toMatch(/^(just now|\d+ min ago) · \d\d:\d\d/);
    expect(await time.getAttribute('title')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // Defanged indicators look the same in Slack and in the email, and keep their text.
    const slackIoc = card.locator('.defanged', { hasText: '198.51.100[.]7' });
    const mailIoc = frame.locator('.defanged', { hasText: '198.51.100[.]1' }).first();
    expect(await lookOf(mailIoc)).toBe(await lookOf(slackIoc));
    expect(await card.locator('h3.blk-header .defanged').textContent()).toBe('hxxps://evil[.]example/login');

    // The iZoologic panel: each request that reached the stand-in, and the cases it changed.
    const panel = page.locator('#izoologic');
    const message = panel.locator('.izoo-action[data-route="SendCaseMessage"]');
    expect(await message.textContent()).toContain('Takedown status');
    expect(await message.textContent()).toContain('Any news?');
    expect(await panel.locator('.izoo-action[data-route="MoveCase"]').count()).toBe(2);
    expect(await panel.locator('.izoo-action', { hasText: 'Refused move' }).isVisible()).toBe(true);
    const moved = panel.locator('.izoo-case[data-case-id="MON200001"]');
    expect(await moved.locator('.izoo-type').textContent()).toBe('Incident (6)');
    expect(await moved.locator('.izoo-event[data-action="move"]').textContent()).toContain('Now an incident');
    expect(await panel.textContent()).not.toContain(sandbox.izoologic.credentials.secretkey);

    // A new action shows without a reload.
    await callIZoologic(sandbox, 'MarkAsReviewed', { body: { ids: 'INC100002', remark: 'Checked' } });
    await panel
      .locator('.izoo-case[data-case-id="INC100002"] .izoo-reviewed', { hasText: /^reviewed$/ })
      .waitFor({
        timeout: 15_000,
      });

    // Folded again for the screenshot, so it shows the collapsed thread.
    await card.getByText(`Hide ${REPLIES + 1 - VISIBLE_REPLIES} earlier replies`).click();
    expect(await visibleReplies()).toHaveLength(VISIBLE_REPLIES);

    const dir = mkdtempSync(join(tmpdir(), 'tqalert-inbox-layout-'));
    const file = join(dir, 'inbox-layout.png');
    await page.screenshot({ path: file, fullPage: true });
    console.info(`inbox layout screenshot: ${file}`);
    expect(pageErrors).toEqual([]);
  });
});
