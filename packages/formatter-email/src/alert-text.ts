import { type Alert, type Change, prepareSafeText, type SafeTextOptions, safeText } from '@tqalert/core';
import { capText, displayValue } from './display-value.js';

/**
 * Turns upstream text about one alert into display text: indicators defanged when asked, bidi controls
 * neutralised always, capped at `maxChars` with a note.
 */
export type TextCleaner = (text: string) => string;

/**
 * How upstream text about `alert` is made safe (HTML escaping comes later, when rendering): its own indicator
 * value, when its object is an indicator, is defanged wherever it appears.
 */
export function safeTextOptions(alert: Alert, defang: boolean): SafeTextOptions {
  const indicator = alert.object?.collection === 'indicators' ? alert.object.value : undefined;
  return prepareSafeText({ defang, indicators: indicator === undefined ? undefined : [indicator] });
}

/** A cleaner for the text of `alert`. */
export function textCleaner(alert: Alert, defang: boolean, maxChars: number): TextCleaner {
  const options = safeTextOptions(alert, defang);
  return (text) => capText(safeText(text, options), maxChars);
}

/** `FQDN evil[.]example`: the object's type and value, or `—` when the alert has no object. */
export function objectLabel(alert: Alert, clean: TextCleaner): string {
  if (!alert.object) return '—';
  return clean(alert.object.type ? `${alert.object.type} ${alert.object.value}` : alert.object.value);
}

/** `score: 5 → 8`, `tags: + phishing`, `status: − Active`. */
export function changeSummary(change: Change): string {
  const had = change.before !== undefined && change.before !== null;
  const has = change.after !== undefined && change.after !== null;
  if (had && has) return `${change.field}: ${displayValue(change.before)} → ${displayValue(change.after)}`;
  if (has) return `${change.field}: + ${displayValue(change.after)}`;
  if (had) return `${change.field}: − ${displayValue(change.before)}`;
  return `${change.field}: changed`;
}
