import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alert, BIN, baseConfig, makeSandbox, notifierOf, PLUGINS } from './test-support.js';

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Waits for a JSON log line with `msg` on the child's stderr. */
function waitForLog(child: ChildProcess, msg: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${msg}" log line within ${timeoutMs} ms:\n${buffer}`)),
      timeoutMs,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        try {
          const record = JSON.parse(line) as Record<string, unknown>;
          if (record.msg === msg) {
            clearTimeout(timer);
            resolve(record);
            return;
          }
        } catch {}
      }
    });
  });
}

describe('tqalert-worker binary', () => {
  it('exits 2 and lists every config mistake with its path', () => {
    const sb = makeSandbox();
    const file = join(sb.dir, 'bad.yaml');
    writeFileSync(
      file,
      'notifiers:\n  - id: out\n    use: slack\nservices:\n  - id: s\n    use: watchlist\n    every: often\n    routes:\n      - notify: [nope]\nlog:\n  level: loud\n',
    );
    const { code, stderr } = run(['--config', file]);
    expect(code).toBe(2);
    // The file's three mistakes and the Slack plugin's own (no token), in one report.
    expect(stderr).toContain('4 problems');
    expect(stderr).toContain('services[0].every');
    expect(stderr).toContain('services[0].routes[0].notify[0]');
    expect(stderr).toContain('log.level');
    expect(stderr).toContain('notifiers[0].options.token');
  });

  it('rejects unknown flags with usage and exit 2; --help and --version exit 0', () => {
    const bad = run(['--colour']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--colour'");
    expect(bad.stderr).toContain('Usage: tqalert-worker');
    expect(run(['--help']).stdout).toContain('Example:');
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('names a package that is not a plugin, and one built for another API version', () => {
    const sb = makeSandbox();
    const config = baseConfig(sb);
    (config.notifiers as Array<Record<string, unknown>>).push(
      { id: 'x', use: join(PLUGINS, 'not-a-plugin.mjs') },
      { id: 'y', use: join(PLUGINS, 'future-plugin.mjs') },
    );
    const file = sb.writeConfig(config);
    const { code, stderr } = run(['--config', file, '--check']);
    expect(code).toBe(2);
    expect(stderr).toContain('notifiers[1].use');
    expect(stderr).toContain('does not export a TQ Alert plugin');
    expect(stderr).toContain('notifiers[2].use');
    expect(stderr).toContain('apiVersion 2');
  });

  it('--check loads everything and exits 0 without polling or sending', () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    const { code, stdout } = run(['--config', sb.writeConfig(baseConfig(sb)), '--check']);
    expect(code).toBe(0);
    expect(stdout).toContain('config ok');
    expect(sb.delivered()).toEqual([]);
  });

  it('names the plugin and path when plugin options are wrong', () => {
    const sb = makeSandbox();
    const config = baseConfig(sb);
    notifierOf(config).options = { destinations: 'main' };
    const { code, stderr } = run(['--config', sb.writeConfig(config), '--check']);
    expect(code).toBe(2);
    expect(stderr).toContain('notifiers[0].options.file');
    expect(stderr).toContain('notifiers[0].options.destinations');
    expect(stderr).toContain('(plugin file-notifier)');
  });

  it('--once delivers, prints a summary and exits 0; exits 1 when a delivery is dead-lettered', () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1), alert(2)]);
    const file = sb.writeConfig(baseConfig(sb));
    const ok = run(['--config', file, '--once']);
    expect(ok.stdout).toContain('ok   feed: fetched 2, enqueued 2');
    expect(ok.stdout).toContain('delivered 2');
    expect(ok.code).toBe(0);
    sb.writeAlerts([alert(1), alert(2), alert(3)]);
    sb.script({ fail: 1, retryable: false, message: 'not_in_channel' });
    const failed = run(['--config', file, '--once']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('dead-lettered 1');
  });

  it('serves health, readiness and metrics, and stops cleanly on SIGTERM', async () => {
    const sb = makeSandbox();
    sb.writeAlerts([alert(1)]);
    const file = sb.writeConfig(
      baseConfig(sb, { server: { enabled: true, port: 0 }, log: { level: 'info', format: 'json' } }),
    );
    const child = spawn(process.execPath, [BIN, '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const listening = await waitForLog(child, 'ops server listening');
    const url = String(listening.url);
    await waitForLog(child, 'delivered');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('tqalert_deliveries_sent_total{notifier="out",destination="main"} 1');
    // Exported from the start at 0, not only after the first event.
    expect(metrics).toContain('tqalert_rate_limited_total{notifier="out",destination="main"} 0');
    expect(metrics).toContain('tqalert_poll_failures_total{service="feed",reason="auth"} 0');
    expect(metrics).toContain('tqalert_lane_queue_depth{notifier="out",destination="main"} 0');
    expect(metrics).toContain('tqalert_process_resident_memory_bytes');
    expect(metrics).toContain('tqalert_polls_total{service="feed"} 1');
    expect(metrics).toContain('tqalert_outbox_depth 0');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(sb.delivered().flatMap((d) => d.ids)).toEqual(['a1']);
  });
});
