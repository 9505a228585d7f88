import { describe, expect, it } from 'vitest';
import { exited, readLines, startChild } from './__tests__/run-child.js';
import { sampleDelivery, samplePoll, tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

describe('two processes claiming from one file', () => {
  it('never claim the same delivery, and together send every one exactly once', async () => {
    const folder = tempFolder();
    try {
      const path = folder.file();
      const store = new SqliteStore({ path });
      await store.init();
      const total = 150;
      const poll = samplePoll('c', 0, total);
      // Some digest groups, so whole-group claims race too.
      const deliveries = poll.deliveries.map((d, i) =>
        i % 10 < 3 ? sampleDelivery(i, { group: `g${Math.floor(i / 10)}` }) : d,
      );
      await store.commitPoll({ ...poll, deliveries });

      const workers = ['a', 'b'].map((owner) => startChild('./claim-worker.ts', [path, owner]));
      await Promise.all(workers.map((w) => readLines(w, (line) => line === 'ready')));
      const results = workers.map((w) => readLines(w, (line) => line.startsWith('[')));
      for (const w of workers) w.stdin?.write('go\n');
      const claims = (await Promise.all(results)).map(
        (lines) => JSON.parse(lines.at(-1) ?? '[]') as string[],
      );
      await Promise.all(workers.map(exited));

      const all = claims.flat();
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(total);
      expect(claims.every((ids) => ids.length > 0)).toBe(true);
      const sent = await store.listDeliveries({ status: 'sent' });
      expect(sent.length).toBe(total);
      await store.close();
    } finally {
      folder.cleanup();
    }
  });
});
