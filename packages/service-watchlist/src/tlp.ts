/** TLP of an alert from its sources' markings: the most restrictive one wins. */
import type { Tlp } from '@tqalert/core';

const RESTRICTIVENESS: Record<string, number> = {
  CLEAR: 0,
  WHITE: 0,
  GREEN: 1,
  AMBER: 2,
  'AMBER+STRICT': 3,
  RED: 4,
};

/** The most restrictive of `markings` (`RED` over `AMBER` over `GREEN` …); undefined when none is known. */
export function strictestTlp(markings: Iterable<string | undefined>): Tlp | undefined {
  let best: Tlp | undefined;
  for (const marking of markings) {
    const name = marking?.trim().toUpperCase();
    if (name === undefined || !(name in RESTRICTIVENESS)) continue;
    if (best === undefined || (RESTRICTIVENESS[name] as number) > (RESTRICTIVENESS[best] as number))
      best = name as Tlp;
  }
  return best;
}
