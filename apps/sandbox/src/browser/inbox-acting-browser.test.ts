// The inbox's Slack controls in a real headless Chromium, against a small test app on Socket Mode (the worker's
// own flow is tested in slack-actions-browser.test.ts): a button with a confirm dialog, the modal the app opens,
// its inline error, the submission that closes it, the message the app updates and the ephemeral reply.
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { postSlackMessage } from '../test-deliveries.js';
import {
  callSlack,
  connectTestApp,
  reviewButtonBlocks,
  reviewModal,
  type TestSocketApp,
} from '../test-socket-app.js';
import { CHROMIUM_ARGS, requireChromium } from './find-chromium.js';

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let app: TestSocketApp;
const pageErrors: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    activityEverySeconds: false,
    slack: { rateLimitPerChannelPerSecond: false },
  });
  app = await connectTestApp(sandbox, async (payload) => {
    if (payload.type === 'block_actions') {
      await callSlack(sandbox, 'views.open', {
        trigger_id: payload.trigger_id,
        view: reviewModal(JSON.stringify(payload.container ?? {})),
      });
      return undefined;
    }
    const view = payload.view as {
      private_metadata: string;
      state: { values: { remark: { value: { value: string } } } };
    };
    const remark = view.state.values.remark.value.value;
    if (remark.trim().length < 3)
      return { response_action: 'errors', errors: { remark: 'Write at least a few words.' } };
    const container = JSON.parse(view.private_metadata) as { channel_id: string; message_ts: string };
    const user = payload.user as { id: string; name: string };
    // Answer after the ack, as an app does.
    setTimeout(() => {
      void callSlack(sandbox, 'chat.update', {
        channel: container.channel_id,
        ts: container.message_ts,
        text: `Case CASE123456 marked reviewed by ${user.name}: ${remark}`,
        blocks: [],
      });
      void callSlack(sandbox, 'chat.postEphemeral', {
        channel: container.channel_id,
        user: user.id,
        text: 'Done: CASE123456 is reviewed.',
      });
    }, 10);
    return undefined;
  });
  browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  app?.close();
  await browser?.close();
  await sandbox?.stop();
});

describe('inbox Slack controls in Chromium', () => {
  it('confirms, opens the modal, shows its inline error, submits, and shows the updated message and the ephemeral reply', async () => {
    await page.goto(sandbox.inbox.url);
    expect(await page.locator('#acting-as').inputValue()).toBe('U0ZACH00001');
    await postSlackMessage(sandbox, {
      channel: 'tq-alerts',
      text: 'Case CASE123456 needs review',
      blocks: reviewButtonBlocks(true),
    });
    const button = page.locator('button.btn-action', { hasText: 'Mark reviewed' });
    await button.waitFor({ state: 'visible', timeout: 15_000 });

    // "Not now" sends nothing.
    await button.click();
    const dialog = page.locator('dialog.slack-confirm[open]');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.locator('.confirm-text strong').textContent()).toBe('CASE123456');
    await dialog.getByRole('button', { name: 'Not now' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(app.payloads).toEqual([]);

    await button.click();
    await dialog.getByRole('button', { name: 'Yes, continue' }).click();
    const modal = page.locator('form.modal');
    await modal.waitFor({ state: 'visible', timeout: 10_000 });
    expect(app.payloads[0]).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ZACH00001' },
      actions: [{ action_id: 'review' }],
    });
    const remark = modal.getByLabel('Remark');
    expect(await remark.getAttribute('maxlength')).toBe('120');

    await remark.fill('ok');
    // Mark this form: the re-render that brings the app's error builds a new one from the server's HTML.
    await modal.evaluate((form) => {
      form.setAttribute('data-marked', 'before');
    });
    await modal.getByRole('button', { name: 'Mark reviewed' }).click();
    const rerendered = page.locator('form.modal:not([data-marked])');
    await rerendered
      .locator('.modal-error', { hasText: 'Write at least a few words.' })
      .waitFor({ state: 'visible' });
    // What was typed survives the modal being re-rendered with its error.
    expect(await rerendered.getByLabel('Remark').inputValue()).toBe('ok');

    await modal.getByLabel('Remark').fill('Checked the site, it is the brand.');
    await modal.getByRole('button', { name: 'Mark reviewed' }).click();
    await modal.waitFor({ state: 'detached', timeout: 10_000 });

    const updated = page.locator('article.msg', { hasText: 'marked reviewed by zach: Checked the site' });
    await updated.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await updated.locator('button.btn-action').count()).toBe(0);
    await page
      .locator('article.ephemeral', { hasText: 'Done: CASE123456 is reviewed.' })
      .waitFor({ state: 'visible' });
    expect(pageErrors).toEqual([]);
  });
});
