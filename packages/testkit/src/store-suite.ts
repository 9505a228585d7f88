import { type CheckResult, type RunOptions, runChecks } from './checks.js';
import { describeChecks } from './describe-checks.js';
import { adminChecks } from './store-checks-admin.js';
import { claimChecks } from './store-checks-claim.js';
import { durabilityChecks } from './store-checks-durability.js';
import { laneChecks } from './store-checks-lanes.js';
import { outcomeChecks } from './store-checks-outcome.js';
import { pollChecks } from './store-checks-poll.js';
import { retentionChecks } from './store-checks-retention.js';
import { silenceChecks } from './store-checks-silences.js';
import type { StoreFactory } from './store-harness.js';

/** Every check of the Store contract, in the order they run. */
const storeChecks = [
  ...pollChecks,
  ...claimChecks,
  ...outcomeChecks,
  ...laneChecks,
  ...adminChecks,
  ...silenceChecks,
  ...durabilityChecks,
  ...retentionChecks,
];

/** The names of the Store checks, as the vitest tests are named. */
export const STORE_CHECK_NAMES: readonly string[] = storeChecks.map((c) => c.name);

/**
 * Runs the Store conformance checks and returns a result per check instead of failing a test. For proving the
 * suite against a deliberately broken store, or for a custom report.
 */
export function runStoreChecks(factory: StoreFactory, options: RunOptions = {}): Promise<CheckResult[]> {
  return runChecks(storeChecks, { factory }, options);
}

/**
 * The Store conformance suite: one vitest test per rule of the contract in `@tqalert/core`'s store.ts. Call it at
 * the top level of a test file. `factory` is called once per test and must return a fresh, empty store (or
 * `{ store, reopen, dispose }` for a durable one).
 *
 * @example
 * testStore('SqliteStore', () => {
 *   const file = join(mkdtempSync(join(tmpdir(), 'tqalert-')), 'store.db');
 *   return { store: new SqliteStore({ file }), reopen: () => new SqliteStore({ file }) };
 * });
 */
export function testStore(name: string, factory: StoreFactory): void {
  describeChecks(`Store conformance: ${name}`, storeChecks, { factory });
}
