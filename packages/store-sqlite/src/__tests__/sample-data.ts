import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, NewDelivery, PollCommit } from '@tqalert/core';
import { watchlistAlert } from '@tqalert/testkit';

export const T0 = new Date('2025-03-01T10:00:00.000Z');

/** A time `seconds` after {@link T0}. */
export function at(seconds: number): Date {
  return new Date(T0.getTime() + seconds * 1000);
}

/** The testkit's watchlist alert, made distinct per `n`. */
export function sampleAlert(n: number): Alert {
  const alert = watchlistAlert();
  return { ...alert, id: `watch|indicators:${n}|score`, title: `Indicator ${n} scored higher` };
}

export function sampleDelivery(n: number, extra: Partial<NewDelivery> = {}): NewDelivery {
  return {
    key: `watch|${n}|slack|C1|0`,
    service: 'watch',
    notifier: 'slack',
    destination: 'C1',
    alert: sampleAlert(n),
    objectKey: `indicators:${n}`,
    notBefore: T0.toISOString(),
    ...extra,
  };
}

/** A poll that moves the cursor to `cursor` and enqueues deliveries `from` … `to - 1`. */
export function samplePoll(cursor: unknown, from: number, to: number, now = T0): PollCommit {
  const deliveries = [];
  for (let n = from; n < to; n++) deliveries.push(sampleDelivery(n));
  return { service: 'watch', cursor, seen: [], deliveries, deadLetters: [], now };
}

/** A fresh temp folder; `cleanup()` removes it. */
export function tempFolder(): { dir: string; file: (name?: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-sqlite-'));
  return {
    dir,
    file: (name = 'store.db') => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
