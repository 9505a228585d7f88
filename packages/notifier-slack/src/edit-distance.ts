/** "Did you mean …?" for names that do not resolve: the known names closest to a typo. */

/** Levenshtein distance: single-character insertions, deletions and substitutions between `a` and `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `max` of `candidates` close to `wanted` (case-insensitive): within 2 edits, or a third of its length for
 * long names, nearest first.
 */
export function nearestNames(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const target = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    const distance = editDistance(target, candidate.toLowerCase());
    if (distance <= limit && !scored.has(candidate)) scored.set(candidate, distance);
  }
  return [...scored]
    .sort(([nameA, a], [nameB, b]) => a - b || nameA.localeCompare(nameB))
    .slice(0, max)
    .map(([name]) => name);
}
