// The worker wires interactions from its config: started with the worker, counted in /metrics, stopped with it.
import { silentLogger } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { makeSandbox } from '../test-support.js';
import { Worker } from '../worker.js';

describe('a worker with interactions: (HTTP mode)', () => {
  it('serves the request URL while it runs, counts per allowed action, and stops serving when it stops', async () => {
    const sb = makeSandbox();
    const file = sb.writeConfig({
      store: { use: 'memory' },
      server: { enabled: false },
      log: { level: 'error', format: 'json' },
      izoologic: { host: 'https://izoologic.invalid', apiKey: 'k', secretKey: 's' },
      interactions: {
        mode: 'http',
        botToken: 'xoxb-test',
        signingSecret: 'test-signing-secret-0123456789',
        port: 0,
        allow: { approveCaseTakedown: ['U0ZACH00001'] },
      },
    });
    const worker = new Worker(loadConfig(file, {}), { logger: silentLogger });
    await worker.start();
    const url = worker.interactionsWhere as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    // Unsigned: refused before anything runs.
    expect((await fetch(url, { method: 'POST', body: 'payload=%7B%7D' })).status).toBe(401);
    const metrics = await worker.metrics.render();
    expect(metrics).toContain('tqalert_interactions_total{action="approveCaseTakedown",outcome="denied"} 0');
    expect(metrics).not.toContain('action="moveCase"');
    await worker.stop();
    await expect(fetch(url, { method: 'POST', body: 'payload=%7B%7D' })).rejects.toThrow();
  });
});
