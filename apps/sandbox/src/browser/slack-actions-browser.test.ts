// Issue "Act from the alert", end to end on one machine: the sandbox, the real worker binary running the demo
// config (interactions over Socket Mode against the Slack stand-in, every action allowed for zach), and headless
// Chromium clicking the four case actions of a case alert in the inbox: confirm, fill the dialog, run, then see the
// case change in the iZoologic panel and the message updated with who did what.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoValues, writeDemoConfig } from '../demo/demo-config.js';
import { REPO_ROOT, TEMPLATE_FILE, workerBinPath } from '../demo/demo-paths.js';
import { spawnWorker, type WorkerProcess } from '../demo/worker-process.js';
import { type Sandbox, startSandbox } from '../sandbox.js';
import { CHROMIUM_ARGS, requireChromium } from './find-chromium.js';

let sandbox: Sandbox;
let worker: WorkerProcess | undefined;
let browser: Browser;
let page: Page;
let caseTs: string;
const dir = mkdtempSync(join(tmpdir(), 'tqalert-actions-'));
const pageErrors: string[] = [];

/** The ts of the top-level Slack message with case buttons that mentions `text` (a case id, an object key). */
function caseAlertTs(text: string): string | undefined {
  return sandbox.slack.fake.state.messages.find(
    (m) =>
      m.thread_ts === undefined &&
      JSON.stringify(m.blocks ?? []).includes('izoologic_case_actions') &&
      JSON.stringify(m.blocks).includes(text),
  )?.ts;
}

/** Polls until `check` gives a value, or fails after `timeoutMs` naming what it waited for. */
async function waitFor<T>(what: string, timeoutMs: number, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (worker && worker.child.exitCode !== null) throw new Error(`the worker exited before ${what}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ activityEverySeconds: false, izoologicActivityEverySeconds: false });
  const values = demoValues(sandbox);
  const env = { ...process.env, ...values.secrets };
  const config = writeDemoConfig({
    template: TEMPLATE_FILE,
    dir,
    addresses: values.addresses,
    env,
    root: REPO_ROOT,
  });
  worker = spawnWorker({ bin: workerBinPath(), config, env });
  await sandbox.slack.fake.socketMode.waitForConnection(60_000);
  // The cases service's first poll is a baseline; a case that appears after it is alerted on.
  await waitFor('a first iZoologic poll', 60_000, () =>
    sandbox.izoologic.fake.requests.some((r) => r.path.endsWith('FetchIncidents')) ? true : undefined,
  );
  const created = sandbox.izoologic.activity.step();
  expect(created).toMatchObject({ kind: 'new', caseId: 'NEW700001' });
  caseTs = await waitFor('the case alert with buttons in Slack', 60_000, () => caseAlertTs('NEW700001'));
  browser = await chromium.launch({ executablePath: requireChromium(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await worker?.stop(15_000);
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The case alert's own card (not the update alerts threaded under it). */
function alertCard(): Locator {
  return page.locator(`article.msg[data-ts="${caseTs}"]`);
}

function panelCase(): Locator {
  return page.locator('.izoo-case[data-case-id="NEW700001"]');
}

/** Clicks a case button, answers its confirm dialog, and waits for the action's dialog (titled as the guide names it). */
async function openDialog(label: string, confirmLabel: string, title: string): Promise<Locator> {
  await alertCard().locator(':scope > .blocks button.btn-action', { hasText: label }).click();
  const confirm = page.locator('dialog.slack-confirm[open]');
  await confirm.waitFor({ state: 'visible' });
  await confirm.getByRole('button', { name: confirmLabel }).click();
  const modal = page.locator('form.modal');
  await modal.waitFor({ state: 'visible', timeout: 20_000 });
  expect(await modal.locator('.modal-title').textContent()).toBe(title);
  return modal;
}

async function outcome(text: string): Promise<void> {
  await alertCard()
    .locator(':scope > .blocks .blk-context', { hasText: text })
    .waitFor({ state: 'visible', timeout: 30_000 });
}

describe('acting on an iZoologic case from the Slack alert, in Chromium', { timeout: 90_000 }, () => {
  it('tells someone not on the allow-list that they may not, and runs nothing', async () => {
    await page.goto(`${sandbox.inbox.url}/?as=U0USER00002`);
    expect(await page.locator('#acting-as').inputValue()).toBe('U0USER00002');
    await alertCard().locator(':scope > .blocks button.btn-action', { hasText: 'Approve takedown' }).click();
    await page.locator('dialog.slack-confirm[open]').getByRole('button', { name: 'Continue' }).click();
    const denied = page.locator('article.ephemeral', {
      hasText: 'You are not allowed to run Approve Case Takedown',
    });
    await denied.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('form.modal').count()).toBe(0);
    expect(sandbox.izoologic.fake.requests.some((r) => r.path.endsWith('ApproveCaseTakedown'))).toBe(false);
    // Back to zach, who may: the picker reloads the page as him, without user2's ephemeral message.
    await page.locator('#acting-as').selectOption('U0ZACH00001');
    await page.waitForURL(/as=U0ZACH00001/);
    await alertCard().waitFor({ state: 'visible' });
    expect(await denied.count()).toBe(0);
  });

  it('sends a message, with Slack enforcing the dialog limits first', async () => {
    await alertCard().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('#acting-as').inputValue()).toBe('U0ZACH00001');
    const modal = await openDialog('Send message', 'Write message', 'Send Case Message');
    expect(await modal.getByLabel('Subject').getAttribute('maxlength')).toBe('120');
    expect(await modal.getByLabel('Message').getAttribute('maxlength')).toBe('2500');
    // Message is required: Slack's client says so and sends nothing.
    await modal.getByRole('button', { name: 'Run' }).click();
    await modal.locator('.modal-error', { hasText: 'Please complete this required field.' }).waitFor();

    await modal.getByLabel('Subject').fill('Takedown request');
    await modal.getByLabel('Message').fill('Please take the phishing site down today.');
    await modal.getByRole('button', { name: 'Run' }).click();
    await modal.waitFor({ state: 'detached', timeout: 20_000 });
    await outcome('Message sent by zach');
    await panelCase().locator('.izoo-event[data-action="message"]').waitFor({ timeout: 15_000 });
    expect(await panelCase().locator('.izoo-event[data-action="message"]').textContent()).toContain(
      'Takedown request',
    );
  });

  it('marks the case reviewed: the panel says reviewed and the button goes', async () => {
    const modal = await openDialog('Mark reviewed', 'Continue', 'Mark As Reviewed');
    await modal.getByLabel('Remark').fill('Checked the site: it is the brand.');
    await modal.getByRole('button', { name: 'Run' }).click();
    await outcome('Marked as reviewed by zach');
    await expect
      .poll(() => panelCase().locator('.izoo-reviewed').textContent(), { timeout: 15_000 })
      .toBe('reviewed');
    expect(
      await alertCard().locator(':scope > .blocks button.btn-action', { hasText: 'Mark reviewed' }).count(),
    ).toBe(0);
  });

  it('approves the takedown: the case is Open in the panel and the message says who approved it', async () => {
    expect(await panelCase().locator('.izoo-status').textContent()).toBe('Pending');
    const modal = await openDialog('Approve takedown', 'Continue', 'Approve Case Takedown');
    await modal.getByRole('button', { name: 'Run' }).click();
    await outcome('Takedown approved by zach');
    await expect
      .poll(() => panelCase().locator('.izoo-status').textContent(), { timeout: 15_000 })
      .toBe('Open');
  });

  it('moves the case to a type the guide allows, offered as a select', async () => {
    const modal = await openDialog('Move case', 'Choose type', 'Move Case');
    const select = modal.getByLabel('Move to Case Type');
    const offered = await select.locator('option:not([value=""])').allTextContents();
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.some((o) => o.includes('(6)'))).toBe(false);
    await select.selectOption({ label: offered[0] as string });
    await modal.getByRole('button', { name: 'Run' }).click();
    await outcome('Moved to');
    await expect
      .poll(() => panelCase().locator('.izoo-type').textContent(), { timeout: 15_000 })
      .not.toBe('Incident (6)');

    // Each action reached iZoologic once, as zach's.
    const routes = sandbox.izoologic.fake.requests.map((r) => r.path.split('/').at(-1));
    for (const route of ['SendCaseMessage', 'MarkAsReviewed', 'ApproveCaseTakedown', 'MoveCase']) {
      expect(routes.filter((r) => r === route)).toHaveLength(1);
    }
    expect(pageErrors).toEqual([]);
    const shot = join(dir, 'slack-actions.png');
    await page.screenshot({ path: shot, fullPage: true });
  });

  it('acts on a ThreatQ event that carries an iZoologic case, and records the outcome on the event in ThreatQ', async () => {
    // The watchlist watches event 1, which carries an iZoologic Case ID: a change to it is a case alert too.
    const threatq = sandbox.threatq.fake;
    await waitFor('the watchlist baseline', 60_000, () =>
      threatq.requests.some((r) => r.path === '/api/events/1') ? true : undefined,
    );
    const before = (threatq.state.record('events', 1) as { comments: unknown[] }).comments.length;
    threatq.state.update('events', 1, (o) => {
      o.tags = [...o.tags, { id: 99, name: 'escalated' }];
    });
    const eventTs = await waitFor('the event alert with case buttons', 60_000, () => caseAlertTs('events:1'));
    await page.reload();
    const card = page.locator(`article.msg[data-ts="${eventTs}"]`);
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    await card.locator(':scope > .blocks button.btn-action', { hasText: 'Mark reviewed' }).click();
    await page.locator('dialog.slack-confirm[open]').getByRole('button', { name: 'Continue' }).click();
    const modal = page.locator('form.modal');
    await modal.waitFor({ state: 'visible', timeout: 20_000 });
    await modal.getByRole('button', { name: 'Run' }).click();
    await modal.waitFor({ state: 'detached', timeout: 20_000 });
    // Done or refused by iZoologic, the outcome is recorded on the ThreatQ event, naming who acted.
    const comments = await waitFor('a comment on events:1', 30_000, () => {
      const now = (threatq.state.record('events', 1) as { comments: Array<{ value: string }> }).comments;
      return now.length > before ? now : undefined;
    });
    expect(comments.at(-1)?.value).toMatch(/zach/i);
    expect(comments.at(-1)?.value).toMatch(/Mark As Reviewed|reviewed/i);
  });
});
