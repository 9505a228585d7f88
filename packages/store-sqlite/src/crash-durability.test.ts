import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { exited, readLines, startChild } from './__tests__/run-child.js';
import { tempFolder } from './__tests__/sample-data.js';
import { SqliteStore } from './sqlite-store.js';

/** Starts a committing worker on `path`, lets it commit a few polls, then SIGKILLs it at an arbitrary moment. */
async function crashOnce(path: string, delayMs: number): Promise<void> {
  const child = startChild('./commit-loop.ts', [path]);
  let seen = 0;
  await readLines(child, () => ++seen === 5);
  // Somewhere inside a later commit: the delays differ per round so the kill lands at different points.
  await sleep(delayMs);
  child.kill('SIGKILL');
  await exited(child);
  expect(child.signalCode).toBe('SIGKILL');
}

describe('a worker killed with SIGKILL', () => {
  it('loses nothing it committed, and the cursor never runs ahead of (or behind) its deliveries', async () => {
    const folder = tempFolder();
    try {
      const path = folder.file();
      let page = 0;
      for (const delayMs of [0, 1, 2, 3, 5]) {
        await crashOnce(path, delayMs);

        const store = new SqliteStore({ path });
        await store.init();
        const cursor = (await store.getCursor('watch')) as { page: number };
        // Every poll the worker was told is committed survived (it may have committed more before dying).
        expect(cursor.page).toBeGreaterThanOrEqual(page + 5);
        // Exactly the deliveries of polls 1 … cursor.page: none missing, none from a poll whose cursor is lost.
        const expected: string[] = [];
        for (let n = 20; n < cursor.page * 20 + 20; n++) expected.push(`watch|${n}|slack|C1|0`);
        expect((await store.listDeliveries()).map((d) => d.key)).toEqual(expected);
        await store.close();
        page = cursor.page;
      }
    } finally {
      folder.cleanup();
    }
    // Five child processes that load TypeScript hooks: slow on a busy two-core machine, so a generous bound.
  }, 120_000);
});
