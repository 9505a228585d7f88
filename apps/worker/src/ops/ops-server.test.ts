import { request } from 'node:http';
import type { Logger } from '@tqalert/core';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { baseConfig, makeSandbox } from '../test-support.js';
import { Worker } from '../worker.js';
import { isLoopbackHost } from './loopback-host.js';
import { opsBindWarnings } from './ops-access.js';
import { startOpsServer } from './ops-server.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const state = { live: () => true, ready: () => ({ ok: true }) };
const metrics = { render: () => 'tqalert_polls_total{service="feed"} 3\n' };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function recordingLogger(): Logger & { warnings: string[]; infos: Array<Record<string, unknown>> } {
  const warnings: string[] = [];
  const infos: Array<Record<string, unknown>> = [];
  const logger: Logger & { warnings: string[]; infos: Array<Record<string, unknown>> } = {
    warnings,
    infos,
    debug() {},
    info: (msg, fields) => infos.push({ msg, ...fields }),
    warn: (message) => warnings.push(message),
    error() {},
    child: () => logger,
  };
  return logger;
}

async function start(metricsToken?: string) {
  const logger = recordingLogger();
  const ops = await startOpsServer({ host: '127.0.0.1', port: 0, metricsToken, logger }, state, metrics);
  closers.push(ops.close);
  return { ...ops, logger };
}

/** A GET with a chosen Host header (fetch does not let a caller set it). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ops server access', () => {
  it('11.19 with server.metricsToken, /metrics answers 401 without the bearer token; health and readiness stay open', async () => {
    const ops = await start(TOKEN);
    expect((await get(`${ops.url}/metrics`)).status).toBe(401);
    expect((await get(`${ops.url}/metrics`, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(
      401,
    );
    const allowed = await get(`${ops.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(allowed).toEqual({ status: 200, body: 'tqalert_polls_total{service="feed"} 3\n' });
    expect((await get(`${ops.url}/healthz`)).status).toBe(200);
    expect((await get(`${ops.url}/readyz`)).status).toBe(200);
    expect(ops.logger.warnings).toEqual([]);
  });

  it('11.19 a non-loopback server.host is warned about, and more loudly without a metrics token', () => {
    expect(opsBindWarnings({ host: '127.0.0.1' })).toEqual([]);
    expect(opsBindWarnings({ host: 'localhost' })).toEqual([]);
    expect(opsBindWarnings({ host: '::1' })).toEqual([]);
    const open = opsBindWarnings({ host: '0.0.0.0' });
    expect(open).toHaveLength(2);
    expect(open[0]).toContain('ops server binds 0.0.0.0, not loopback');
    expect(open[1]).toContain('set server.metricsToken');
    expect(opsBindWarnings({ host: '10.0.0.5', metricsToken: TOKEN })).toHaveLength(1);
  });

  it('11.19 loopback is parsed, not prefix-matched', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.10.20.30')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('127.evil.example')).toBe(false);
    expect(isLoopbackHost('127.0.0.1.nip.io')).toBe(false);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('::')).toBe(false);
  });

  it('11.19 on a loopback bind, a request addressed to another name (DNS rebinding) is refused', async () => {
    const ops = await start();
    const port = new URL(ops.url).port;
    expect((await get(`${ops.url}/metrics`, { host: `rebind.evil.example:${port}` })).status).toBe(421);
    expect((await get(`${ops.url}/metrics`, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('11.19 the worker takes server.metricsToken from the environment and protects its /metrics with it', async () => {
    const sb = makeSandbox();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config syntax under test, not a template.
    const file = sb.writeConfig(baseConfig(sb, { server: { port: 0, metricsToken: '${METRICS_TOKEN}' } }));
    const logger = recordingLogger();
    const worker = new Worker(loadConfig(file, { METRICS_TOKEN: TOKEN }), { logger });
    closers.push(() => worker.stop());
    await worker.start();
    const url = String(logger.infos.find((l) => l.msg === 'ops server listening')?.url);
    expect((await get(`${url}/metrics`)).status).toBe(401);
    expect((await get(`${url}/metrics`, { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await get(`${url}/readyz`)).status).toBe(200);
  });
});
