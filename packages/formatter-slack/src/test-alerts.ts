/** Test data: testkit's sample alerts, with overrides. */
import { type Alert, type AlertInput, createAlert } from '@tqalert/core';
import { alertBatch, watchlistAlert as sampleWatchlistAlert } from '@tqalert/testkit';

/** Testkit's watchlist sample (`login-portal.evil.example`, score 5 → 8, TLP:AMBER), with `overrides`. */
export function watchlistAlert(overrides: Partial<AlertInput> = {}): Alert {
  return createAlert({ ...sampleWatchlistAlert(), ...overrides });
}

/** Testkit's batch (`Batch alert 001 of 500`, …), each linked to ThreatQ, with per-alert `overrides`. */
export function manyAlerts(
  count: number,
  overrides: (i: number) => Partial<AlertInput> = () => ({}),
): Alert[] {
  return alertBatch(count).map((alert, i) =>
    createAlert({
      ...alert,
      object: alert.object && { ...alert.object, link: `https://threatq.example/indicators/${i}/details` },
      ...overrides(i),
    }),
  );
}
