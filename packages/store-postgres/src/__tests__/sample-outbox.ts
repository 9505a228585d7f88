import type { NewDelivery, PollCommit } from '@tqalert/core';
import { alertBatch } from '@tqalert/testkit';

/** The tests' clock: a fixed instant, every time is given to the store explicitly. */
export const T0 = new Date('2026-03-01T12:00:00.000Z');

const ALERTS = alertBatch(5);

/** `count` due deliveries over `lanes` Slack channels; every tenth group of three shares a digest group. */
export function outbox(count: number, lanes = 3): NewDelivery[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `k${i}`,
    service: 'watchlist',
    notifier: 'slack',
    destination: `C-${i % lanes}`,
    alert: ALERTS[i % ALERTS.length] as NewDelivery['alert'],
    group: i % 10 < 3 ? `digest-${Math.floor(i / 10)}` : undefined,
    notBefore: new Date(T0.getTime() - 60_000 + i).toISOString(),
  }));
}

/** A commit of `deliveries` at T0. */
export function pollOf(deliveries: NewDelivery[], now: Date = T0): PollCommit {
  return {
    service: 'watchlist',
    cursor: { at: deliveries.length },
    seen: [],
    deliveries,
    deadLetters: [],
    now,
  };
}
