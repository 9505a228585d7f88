import type { Alert } from './alert.js';
import type { Silence, SilenceMatchers } from './store.js';

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** A matcher left out, or given as an empty string, places no condition. */
function given<T>(value: T | undefined): value is T {
  return value !== undefined && value !== '';
}

/**
 * True when every matcher given in `matchers` matches `alert`. An empty matcher set matches nothing, and only the
 * known matchers count: a silence whose only key is unknown (a typo, a field from a newer version) must not mute
 * every alert.
 */
export function silenceMatches(matchers: SilenceMatchers, alert: Alert): boolean {
  const { service, collection, value, tag, maxScore } = matchers;
  if (![service, collection, value, tag, maxScore].some(given)) return false;
  if (given(service) && service !== alert.service) return false;
  if (given(collection) && collection !== alert.object?.collection) return false;
  // An alert about no object has no value to match, not even `*`.
  if (given(value) && (alert.object === undefined || !globToRegExp(value).test(alert.object.value)))
    return false;
  if (given(tag) && !alert.tags.includes(tag)) return false;
  if (given(maxScore) && (alert.score === null || alert.score > maxScore)) return false;
  return true;
}

/** True while `silence` is in force at `now`. */
export function silenceActive(silence: Silence, now: Date): boolean {
  const t = now.getTime();
  return !silence.expiredAt && Date.parse(silence.startsAt) <= t && Date.parse(silence.expiresAt) > t;
}

/** The first active silence that mutes `alert`, if any. */
export function findSilence(silences: readonly Silence[], alert: Alert, now: Date): Silence | undefined {
  return silences.find((s) => silenceActive(s, now) && silenceMatches(s.matchers, alert));
}
