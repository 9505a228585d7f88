import type { Store } from '@tqalert/core';
import type { Check } from './checks.js';

/** A store under test, with what the suite needs to check durability. */
export interface StoreHarness {
  /** A fresh, empty store (not yet initialised: the suite calls `init()`). */
  store: Store;
  /**
   * Opens a new Store over the same storage (the same file, database or schema). The suite closes `store` first.
   * Required when `store.durable` is true.
   */
  reopen?: () => Store | Promise<Store>;
  /** Removes what the store left behind (temporary files). Called after each check. */
  dispose?: () => void | Promise<void>;
}

/** Makes a fresh store for each check: a Store, or a {@link StoreHarness}. */
export type StoreFactory = () => Store | StoreHarness | Promise<Store | StoreHarness>;

/** What the store checks run against. */
export interface StoreSubject {
  factory: StoreFactory;
}

function isHarness(value: Store | StoreHarness): value is StoreHarness {
  return typeof (value as Partial<Store>).commitPoll !== 'function' && 'store' in value;
}

/** Calls the factory and normalises what it returned to a harness. */
export async function makeHarness(factory: StoreFactory): Promise<StoreHarness> {
  const made = await factory();
  return isHarness(made) ? made : { store: made };
}

/**
 * A check that runs `body` against a fresh, initialised store, then closes it and disposes of the harness
 * whether the body passed or not.
 */
export function storeCheck(
  name: string,
  body: (store: Store, harness: StoreHarness) => Promise<void>,
): Check<StoreSubject> {
  return {
    name,
    async run({ factory }) {
      const harness = await makeHarness(factory);
      try {
        await harness.store.init();
        await body(harness.store, harness);
      } finally {
        try {
          await harness.store.close();
        } finally {
          await harness.dispose?.();
        }
      }
    },
  };
}
