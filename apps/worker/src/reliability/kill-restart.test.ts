import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, BIN, baseConfig, makeSandbox, notifierOf, type Sandbox, serviceOf } from '../test-support.js';
import { report } from './report.js';

const ALERTS = 1000;
const KILLS = 20;

function startWorker(config: string): {
  child: ChildProcess;
  exited: Promise<number | null>;
  started: Promise<void>;
} {
  const child = spawn(process.execPath, [BIN, '--config', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let log = '';
  const started = new Promise<void>((resolve) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('"msg":"worker started"')) resolve();
    });
  });
  return { child, exited, started };
}

function sqliteConfig(sb: Sandbox, extra: Record<string, unknown> = {}): string {
  const base = baseConfig(sb, {
    store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') } },
    pipeline: {
      dispatch: { interval: '10ms', batchSize: 25, baseDelay: '10ms', maxDelay: '50ms', lease: '5s' },
    },
    log: { level: 'info', format: 'json' },
    ...extra,
  });
  const service = serviceOf(base);
  service.every = '30ms';
  service.options = { ...(service.options as object), batch: 100 };
  const notifier = notifierOf(base);
  notifier.options = { ...(notifier.options as object), delayMs: 6 };
  return sb.writeConfig(base);
}

function tally(sb: Sandbox): { unique: number; total: number; duplicates: number } {
  const ids = sb.delivered().flatMap((d) => d.ids);
  const unique = new Set(ids).size;
  return { unique, total: ids.length, duplicates: ids.length - unique };
}

describe('reliability: the real worker binary, SIGKILLed and restarted', () => {
  it(`delivers all ${ALERTS} alerts across ${KILLS} random SIGKILLs; duplicates only from sends in flight`, async () => {
    const sb = makeSandbox();
    sb.writeAlerts(Array.from({ length: ALERTS }, (_, i) => alert(i + 1)));
    const config = sqliteConfig(sb);
    let kills = 0;
    let killedMidDelivery = 0;
    for (let i = 0; i < KILLS; i++) {
      const { child, exited, started } = startWorker(config);
      // Random moments after start-up (which is slow on a loaded machine): polling, enqueuing, delivering.
      await started;
      await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 300)));
      const before = tally(sb).unique;
      child.kill('SIGKILL');
      await exited;
      kills += 1;
      if (before > 0 && before < ALERTS) killedMidDelivery += 1;
    }
    // Let a last worker finish the job, then stop it politely.
    const { child, exited, started } = startWorker(config);
    await started;
    const deadline = Date.now() + 60_000;
    while (tally(sb).unique < ALERTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const counts = tally(sb);
    report('sigkill', {
      alerts: ALERTS,
      kills,
      killedMidDelivery,
      delivered: counts.unique,
      sends: counts.total,
      duplicates: counts.duplicates,
    });
    expect(counts.unique).toBe(ALERTS);
    // The test only means something if most kills hit a worker in the middle of delivering.
    expect(killedMidDelivery).toBeGreaterThanOrEqual(KILLS / 2);
    // At most one batch of in-flight sends can be repeated per kill.
    expect(counts.duplicates).toBeLessThanOrEqual(kills * 25);
  }, 240_000);

  it('restart and config reload (SIGHUP) send nothing twice', async () => {
    const sb = makeSandbox();
    sb.writeAlerts(Array.from({ length: 50 }, (_, i) => alert(i + 1)));
    const config = sqliteConfig(sb);
    const first = startWorker(config);
    const until = async (n: number) => {
      const deadline = Date.now() + 30_000;
      while (tally(sb).unique < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    };
    await first.started;
    await until(50);
    // Reload with a changed schedule; the worker rebuilds itself from the same store.
    sqliteConfig(sb, { log: { level: 'info', format: 'json' } });
    first.child.kill('SIGHUP');
    await new Promise((r) => setTimeout(r, 500));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const second = startWorker(config);
    await second.started;
    sb.writeAlerts(Array.from({ length: 60 }, (_, i) => alert(i + 1)));
    await until(60);
    await new Promise((r) => setTimeout(r, 300));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const counts = tally(sb);
    report('restart-reload', { alerts: 60, delivered: counts.unique, duplicates: counts.duplicates });
    expect(counts).toEqual({ unique: 60, total: 60, duplicates: 0 });
  }, 90_000);

  it('a permanently failing target dead-letters after the maximum attempts; the other target is unaffected', async () => {
    const sb = makeSandbox();
    sb.writeAlerts(Array.from({ length: 20 }, (_, i) => alert(i + 1)));
    const goodOut = join(sb.dir, 'good.jsonl');
    const base = baseConfig(sb, {
      store: { use: 'sqlite', options: { path: join(sb.dir, 'state.db') } },
      pipeline: { dispatch: { maxAttempts: 3, baseDelay: '5ms', maxDelay: '10ms', interval: '10ms' } },
    });
    const notifiers = base.notifiers as Array<Record<string, unknown>>;
    notifiers.push({ id: 'good', use: notifierOf(base).use, options: { file: goodOut } });
    serviceOf(base).routes = [{ notify: ['out', 'good'] }];
    sb.script({ fail: 1_000_000, retryable: true, message: 'HTTP 500 from the broken target' });
    const config = sb.writeConfig(base);
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, [BIN, '--config', config, '--once'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('delivered 20');
    expect(run.stdout).toContain('dead-lettered 20');
    const { readFileSync } = await import('node:fs');
    const good = readFileSync(goodOut, 'utf8').split('\n').filter(Boolean);
    expect(good).toHaveLength(20);
    report('permanent-failure', { alerts: 20, goodDelivered: good.length, deadLettered: 20 });
  }, 90_000);
});
