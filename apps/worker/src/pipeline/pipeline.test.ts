import { readFileSync, writeFileSync } from 'node:fs';
import { silentLogger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { alert, baseConfig, makeSandbox, type Sandbox, serviceOf } from '../test-support.js';
import { Worker } from '../worker.js';

function workerFor(sb: Sandbox, overrides: Record<string, unknown> = {}, now?: () => Date) {
  const file = sb.writeConfig(baseConfig(sb, overrides));
  const loaded = parseConfig(JSON.parse(readFileSync(file, 'utf8')), { file, env: {} });
  return new Worker(loaded, { logger: silentLogger, ...(now ? { now } : {}) });
}

describe('pipeline: poll, dedup, route, deliver', () => {
  it('delivers every alert once, and a second run sends nothing twice', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), alert(2), alert(3)]);
    const worker = workerFor(sb);
    const first = await worker.runOnce();
    expect(first.ok).toBe(true);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1', 'a2', 'a3']);
    // The same records upstream again (cursor reset by a new file): dedup keeps them out.
    sb.writeAlerts([alert(1), alert(2), alert(3), alert(4)]);
    const second = await worker.runOnce();
    expect(second.polls[0]?.enqueued).toBe(1);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1', 'a2', 'a3', 'a4']);
    await worker.stop();
  });

  it('alerts again on the same id only after the realert interval', async () => {
    const sb = makeSandbox();
    let t = Date.parse('2026-11-23T10:00:00Z');
    const worker = workerFor(
      sb,
      { pipeline: { realert: '1h', dispatch: { interval: '20ms' } } },
      () => new Date(t),
    );
    sb.writeAlerts([alert(1)]);
    await worker.runOnce();
    // Upstream reports a1 again (the list source reads past its cursor): within the hour it is a duplicate.
    sb.writeAlerts([alert(1), alert(1)]);
    const dup = await worker.runOnce();
    expect(dup.polls[0]?.suppressed).toEqual({ duplicate: 1 });
    t += 2 * 3_600_000;
    sb.writeAlerts([alert(1), alert(1), alert(1)]);
    const again = await worker.runOnce();
    expect(again.polls[0]?.enqueued).toBe(1);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1', 'a1']);
    await worker.stop();
  });

  it('keeps a malformed upstream record in dead letters with its reason and delivers the rest', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), { id: 'broken', title: '' }, alert(3)]);
    const worker = workerFor(sb);
    const summary = await worker.runOnce();
    expect(summary.polls[0]?.rejected).toBe(1);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1', 'a3']);
    const store = (worker as unknown as { runtime: { store: import('@tqalert/core').Store } }).runtime.store;
    const dead = await store.listDeadLetters();
    expect(dead).toHaveLength(1);
    expect(dead[0]?.kind).toBe('record');
    expect(dead[0]?.reason).toMatch(/title/);
    await worker.stop();
  });

  it('routes by conditions and suppresses what no route takes', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1, { score: 9, severity: 'critical' }), alert(2, { score: 1 })]);
    const config = baseConfig(sb);
    serviceOf(config).routes = [{ notify: ['out'], when: { minScore: 7 } }];
    const worker = workerFor(sb, { services: config.services });
    const summary = await worker.runOnce();
    expect(summary.polls[0]?.suppressed).toEqual({ unrouted: 1 });
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1']);
    await worker.stop();
  });

  it('silences mute matching alerts until they expire', async () => {
    const sb = makeSandbox();
    const worker = workerFor(sb);
    await worker.runOnce();
    const store = (worker as unknown as { runtime: { store: import('@tqalert/core').Store } }).runtime.store;
    await store.addSilence({
      matchers: { value: '198.51.100.*', maxScore: 5 },
      author: 'ana',
      reason: 'scanner range',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    sb.writeAlerts([alert(1, { score: 4 }), alert(2, { score: 9 })]);
    const summary = await worker.runOnce();
    expect(summary.polls[0]?.suppressed).toEqual({ silenced: 1 });
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a2']);
    await worker.stop();
  });

  it('groups alerts of a digest window into one message, and a critical alert skips the wait', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), alert(2), alert(3), alert(4, { severity: 'critical', score: 9.5 })]);
    const config = baseConfig(sb);
    serviceOf(config).routes = [{ notify: ['out'], digest: { window: '10m', bypassSeverity: 'critical' } }];
    const worker = workerFor(sb, { services: config.services });
    const summary = await worker.runOnce();
    expect(summary.ok).toBe(true);
    const messages = sb.delivered();
    expect(messages).toHaveLength(2);
    expect(messages.map((m) => m.ids.sort())).toEqual(expect.arrayContaining([['a4'], ['a1', 'a2', 'a3']]));
    await worker.stop();
  });

  it('retries retryable failures with backoff and delivers after recovery', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    sb.script({ fail: 3, retryable: true, message: 'HTTP 503' });
    const worker = workerFor(sb);
    const summary = await worker.runOnce({ maxWaitMs: 10_000 });
    expect(summary.ok).toBe(true);
    expect(summary.dispatch.retried).toBe(3);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1']);
    expect(await worker.metrics.total('tqalert_delivery_retries_total')).toBe(3);
    await worker.stop();
  });

  it('dead-letters a permanent failure with its reason, and a replay delivers it', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    sb.script({ fail: 1, retryable: false, message: 'channel_not_found: invite the bot' });
    const worker = workerFor(sb);
    const summary = await worker.runOnce();
    expect(summary.ok).toBe(false);
    const store = (worker as unknown as { runtime: { store: import('@tqalert/core').Store } }).runtime.store;
    const [letter] = await store.listDeadLetters();
    expect(letter?.reason).toContain('channel_not_found');
    expect(sb.delivered()).toEqual([]);
    expect(await store.replayDeadLetters({ now: new Date() })).toBe(1);
    await worker.runOnce();
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1']);
    await worker.stop();
  });

  it('gives up after the maximum attempts and says so', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    sb.script({ fail: 100, retryable: true, message: 'HTTP 500' });
    const worker = workerFor(sb, {
      pipeline: { dispatch: { maxAttempts: 3, baseDelay: '5ms', maxDelay: '10ms', interval: '20ms' } },
    });
    const summary = await worker.runOnce({ maxWaitMs: 10_000 });
    expect(summary.dead).toBe(1);
    const store = (worker as unknown as { runtime: { store: import('@tqalert/core').Store } }).runtime.store;
    const [letter] = await store.listDeadLetters();
    expect(letter?.reason).toMatch(/gave up after 3 attempts .*HTTP 500/);
    expect(letter?.attempts).toBe(3);
    await worker.stop();
  });

  it('posts a later alert about the same object into the first one’s thread', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    const worker = workerFor(sb);
    await worker.runOnce();
    sb.writeAlerts([alert(1), alert(1, { id: 'a1-score-change' })]);
    await worker.runOnce();
    const [first, second] = sb.delivered();
    expect(first?.thread).toBeNull();
    expect(second?.ids).toEqual(['a1-score-change']);
    expect(second?.thread).toBe('main:a1');
    await worker.stop();
  });

  it('a failing poll commits nothing and the next poll retries from the same cursor', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    writeFileSync(sb.failFile, 'ThreatQ unreachable');
    const worker = workerFor(sb);
    const failed = await worker.runOnce();
    expect(failed.ok).toBe(false);
    expect(failed.polls[0]?.error).toContain('ThreatQ unreachable');
    writeFileSync(sb.failFile, '');
    const ok = await worker.runOnce();
    expect(ok.ok).toBe(true);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1']);
    await worker.stop();
  });
});

describe('lane concurrency', () => {
  it.each([
    [1, 1],
    [4, 4],
  ])(
    'a lane whose notifier allows %i sends at once has at most %i in flight, and sends each once',
    async (allowed, peak) => {
      const sb = makeSandbox();
      sb.writeAlerts(Array.from({ length: 12 }, (_, i) => alert(i + 1)));
      const peakFile = `${sb.dir}/peak.txt`;
      const worker = workerFor(sb, {
        notifiers: [
          {
            id: 'out',
            use: (baseConfig(sb).notifiers as Array<{ use: string }>)[0]?.use,
            options: { file: sb.outFile, delayMs: 40, concurrency: allowed, peakFile },
          },
        ],
      });
      const summary = await worker.runOnce();
      expect(summary.ok).toBe(true);
      expect(
        sb
          .delivered()
          .flatMap((d) => d.ids)
          .sort(),
      ).toEqual(Array.from({ length: 12 }, (_, i) => `a${i + 1}`).sort());
      expect(Number(readFileSync(peakFile, 'utf8'))).toBe(peak);
      await worker.stop();
    },
  );
});
