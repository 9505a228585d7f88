import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SqliteStore } from '@tqalert/store-sqlite';
import { describe, expect, it } from 'vitest';
import { alert, BIN, baseConfig, makeSandbox } from '../test-support.js';
import { report } from './report.js';

describe('reliability: a malformed upstream record in a batch', () => {
  it('is dead-lettered with its reason while the rest of the batch is delivered', async () => {
    const sb = makeSandbox();
    const records: unknown[] = Array.from({ length: 50 }, (_, i) => alert(i + 1));
    // Record 25 arrives without a title and with a time that is not a time.
    records[24] = { ...alert(25), title: '', occurredAt: 'yesterday-ish' };
    sb.writeAlerts(records);
    const dbPath = join(sb.dir, 'state.db');
    const config = sb.writeConfig(baseConfig(sb, { store: { use: 'sqlite', options: { path: dbPath } } }));
    const run = spawnSync(process.execPath, [BIN, '--config', config, '--once'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout).toContain('rejected 1');
    expect(run.status).toBe(0);
    const delivered = sb.delivered().flatMap((d) => d.ids);
    const store = new SqliteStore({ path: dbPath });
    await store.init();
    const dead = await store.listDeadLetters();
    await store.close();
    report('malformed-record', { records: 50, delivered: delivered.length, deadLetters: dead.length });
    expect(delivered).toHaveLength(49);
    expect(delivered).not.toContain('a25');
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ kind: 'record', service: 'feed' });
    expect(dead[0]?.reason).toMatch(/title/);
    expect(dead[0]?.reason).toMatch(/occurredAt/);
    expect(dead[0]?.payload).toMatchObject({ id: 'a25' });
  });
});
