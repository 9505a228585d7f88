import type { Alert } from './alert.js';
import type { Silence, SilenceMatchers } from './store.js';

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** True when every matcher given in `matchers` matches `alert`. An empty matcher set matches nothing. */
export function silenceMatches(matchers: SilenceMatchers, alert: Alert): boolean {
  const entries = Object.entries(matchers).filter(([, v]) => v !== undefined && v !== '');
  if (entries.length === 0) return false;
  if (matchers.service !== undefined && matchers.service !== alert.service) return false;
  if (matchers.collection !== undefined && matchers.collection !== alert.object?.collection) return false;
  if (matchers.value !== undefined && !globToRegExp(matchers.value).test(alert.object?.value ?? '')) return false;
  if (matchers.tag !== undefined && !alert.tags.includes(matchers.tag)) return false;
  if (matchers.maxScore !== undefined && (alert.score === null || alert.score > matchers.maxScore)) return false;
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
