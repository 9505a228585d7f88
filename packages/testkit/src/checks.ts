/**
 * A conformance suite is a list of named checks. The same list runs two ways: as vitest tests (`testStore` and
 * friends wrap it in `describe`/`it`), and directly through `run*Checks`, which returns a result per check so a
 * test can prove that a broken implementation fails exactly the checks it should.
 */

/** One named contract rule, checked against a subject (a factory plus suite options). */
export interface Check<S> {
  readonly name: string;
  run(subject: S): Promise<void>;
}

/** The outcome of one check. */
export interface CheckResult {
  /** The check's name, as the vitest test is named. */
  name: string;
  passed: boolean;
  /** Why it failed: the message of what the check threw. */
  error?: string;
}

/** Which checks to run. */
export interface RunOptions {
  /** Only the checks with these names (all when omitted). An unknown name is an error. */
  only?: readonly string[];
}

/** Picks the checks named in `only`, refusing names that match no check (a typo would silently run nothing). */
export function selectChecks<S>(
  checks: readonly Check<S>[],
  only: readonly string[] | undefined,
): Check<S>[] {
  if (only === undefined) return [...checks];
  const known = new Set(checks.map((c) => c.name));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown check name(s): ${unknown.map((n) => JSON.stringify(n)).join(', ')}. Known checks: ${[...known].join('; ')}`,
    );
  }
  return checks.filter((c) => only.includes(c.name));
}

/** Runs checks one after another; a failing check never stops the next. */
export async function runChecks<S>(
  checks: readonly Check<S>[],
  subject: S,
  options: RunOptions = {},
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of selectChecks(checks, options.only)) {
    try {
      await check.run(subject);
      results.push({ name: check.name, passed: true });
    } catch (error) {
      results.push({
        name: check.name,
        passed: false,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}
