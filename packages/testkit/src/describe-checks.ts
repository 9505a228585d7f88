import type { Check } from './checks.js';

type Vitest = typeof import('vitest');

// vitest is an optional peer: the SMTP sink is also used outside tests (the sandbox app), where vitest may not be
// installed. Loading it here, once, keeps `describeChecks` synchronous, as vitest's collection phase needs.
const vitest: Vitest | undefined = await import('vitest').catch(() => undefined);

/** Registers one vitest test per check, inside `describe(title)`. Must be called while vitest collects tests. */
export function describeChecks<S>(title: string, checks: readonly Check<S>[], subject: S): void {
  if (!vitest) {
    throw new Error(
      `${title}: the conformance suites need vitest. Install vitest (>= 4) and call the suite at the top level of a test file, or use the run*Checks functions.`,
    );
  }
  const { describe, it } = vitest;
  describe(title, () => {
    for (const check of checks) {
      it(check.name, () => check.run(subject));
    }
  });
}
