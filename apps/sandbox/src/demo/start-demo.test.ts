// `npm start` end to end: the real start-demo script, the real worker binary with the example config and the
// SQLite store, the sandbox's stand-ins. Waits (bounded) until the worker has delivered to Slack and by email,
// then stops it the way Ctrl-C does.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { InboxSnapshot } from '../inbox/inbox-snapshot.js';

const START_DEMO = fileURLToPath(new URL('../../dist/start-demo.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tqalert-demo-'));
let child: ChildProcess | undefined;
let output = '';

afterAll(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Polls `check` until it returns a value, failing early (with the demo's output) if the demo exits. */
async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (child?.exitCode !== null || child?.signalCode !== null) {
      throw new Error(`the demo exited (${child?.exitCode ?? child?.signalCode}) before ${what}:\n${output}`);
    }
    if (Date.now() > deadline)
      throw new Error(`no ${what} within ${timeoutMs / 1000}s; the demo printed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm start (start-demo)', () => {
  it('runs the worker against the sandbox: alerts reach Slack and email, and SIGINT stops everything with 0', async () => {
    child = spawn(process.execPath, [START_DEMO, '--demo-dir', dir, '--activity-seconds', '1', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));

    const inbox = await waitFor('the banner with the inbox URL', 30_000, () => {
      return /Inbox:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    });
    const snapshot = await waitFor('a Slack message and an email', 75_000, async () => {
      const response = await fetch(`${inbox}/api/messages`).catch(() => undefined);
      const data = (await response?.json()) as InboxSnapshot | undefined;
      return data && data.counts.slack >= 1 && data.counts.email >= 1 ? data : undefined;
    });
    expect(snapshot.slack.map((c) => c.label)).toContain('#tq-alerts');
    expect(snapshot.emails[0]?.to).toBe('soc@example.com');
    // A new iZoologic case appears in the stand-in every few seconds; the cases service alerts on it (issue 12.9).
    const cases = await waitFor('an iZoologic case alert in Slack and by email', 75_000, async () => {
      const response = await fetch(`${inbox}/api/messages`).catch(() => undefined);
      const data = (await response?.json()) as InboxSnapshot | undefined;
      const inSlack = data?.slack.some((c) =>
        c.threads.some((t) => /New iZoologic .*case NEW7/.test(t.text ?? '')),
      );
      const inEmail = data?.emails.some((e) => /New iZoologic .*case NEW7/.test(`${e.subject} ${e.text}`));
      return inSlack && inEmail ? data : undefined;
    });
    // The alert carries what acting on the case needs.
    const caseMail = cases.emails.find((e) => /New iZoologic/.test(e.subject ?? ''));
    expect(caseMail?.text).toMatch(/Case ID[\s\S]*NEW7\d+/);
    expect(caseMail?.text).toMatch(/Client code[\s\S]*ABC/);
    // The example config runs on the SQLite store, in the demo folder.
    expect(existsSync(join(dir, 'tqalert.db'))).toBe(true);
    expect(readFileSync(join(dir, 'tqalert.yaml'), 'utf8')).toContain('use: sqlite');

    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000)),
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain('worker stopped');
    expect(output).toContain('[demo] stopped');
    await expect(fetch(`${inbox}/api/messages`)).rejects.toThrow();
  }, 150_000);
});
