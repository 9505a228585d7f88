import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemaPerTest, serverUrl } from './__tests__/test-schema.js';

const CHILD = fileURLToPath(new URL('./__tests__/replica-child.mjs', import.meta.url));
const freshSchema = schemaPerTest();

/** Runs a replica until it printed `lines` lines, then SIGKILLs it; returns what it printed. */
function runAndKill(schema: string, owner: string, lines: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, serverUrl(), schema, owner], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.stdout.on('data', (chunk) => {
      buffer += String(chunk);
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      out.push(...parts);
      if (out.length >= lines) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve(out) : reject(new Error(`replica exited with ${code}: ${stderr}`)),
    );
  });
}

describe('a replica killed with SIGKILL in the middle of its work', () => {
  it('loses nothing: each poll is all or nothing, its claims go to another replica, nothing it sent is sent again', async () => {
    const schema = await freshSchema();
    const sentByKilled = new Set<string>();
    let lastCommitted = 0;
    // The kills land at different points: inside a commit, a claim, a mark.
    for (const [round, lines] of [7, 12, 20].entries()) {
      const out = await runAndKill(schema.name, `killed-${round}`, lines);
      for (const line of out) {
        const [what, value = ''] = line.split(' ');
        if (what === 'sent') sentByKilled.add(value);
        if (what === 'committed') lastCommitted = Number(value);
      }
    }

    const survivor = schema.open();
    await survivor.init();
    const cursor = (await survivor.getCursor('watch')) as { page: number };
    // Every poll reported committed survived, and the outbox holds exactly the deliveries of polls 1 … page.
    expect(cursor.page).toBeGreaterThanOrEqual(lastCommitted);
    const keys = (await survivor.listDeliveries()).map((d) => d.key).sort();
    const expected = Array.from({ length: cursor.page }, (_, p) =>
      Array.from({ length: 10 }, (_, i) => `p${p + 1}-${i}`),
    )
      .flat()
      .sort();
    expect(keys).toEqual(expected);

    // Whatever a killed replica reported sent stays sent (it may have sent one more without saying so).
    const sent = new Set((await survivor.listDeliveries({ status: 'sent' })).map((d) => d.id));
    expect([...sentByKilled].filter((id) => !sent.has(id))).toEqual([]);
    // After the claim lease, the survivor takes every delivery still pending: the ones the killed replicas had
    // claimed but not marked, and the ones they never reached; none that was sent.
    const pending = await survivor.listDeliveries({ status: 'pending' });
    const later = new Date(Date.now() + 120_000);
    const reclaimed = await survivor.claimDue({
      owner: 'survivor',
      now: later,
      limit: 10_000,
      leaseMs: 60_000,
    });
    expect(reclaimed.map((d) => d.id).sort()).toEqual(pending.map((d) => d.id).sort());
    expect(sent.size + pending.length).toBe(expected.length);
  }, 90_000);
});
