/**
 * Groups `items` in order so that each group measures at most `maxBytes`, with at most `maxItems` per group. An
 * item too big on its own gets a group of its own rather than being dropped: the receiver may refuse it, and then
 * the error says so, which is better than losing it silently.
 */
export function splitBySize<T>(
  items: readonly T[],
  measure: (group: readonly T[]) => number,
  limits: { maxBytes: number; maxItems: number },
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    if (
      current.length === 0 ||
      (candidate.length <= limits.maxItems && measure(candidate) <= limits.maxBytes)
    ) {
      current = candidate;
    } else {
      groups.push(current);
      current = [item];
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
