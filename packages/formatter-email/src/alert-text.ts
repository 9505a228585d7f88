import type { Alert, Change } from '@tqalert/core';
import { defangText } from './defang.js';
import { capText, displayValue } from './display-value.js';

/** Turns upstream text about one alert into display text: defanged when asked, capped at `maxChars` with a note. */
export type TextCleaner = (text: string) => string;

/** The alert's indicator value, when its object is an indicator: what defanging must catch wherever it appears. */
function indicatorOf(alert: Alert): string | undefined {
  return alert.object?.collection === 'indicators' ? alert.object.value : undefined;
}

/** A cleaner for the text of `alert`. */
export function textCleaner(alert: Alert, defang: boolean, maxChars: number): TextCleaner {
  const indicator = indicatorOf(alert);
  return (text) => capText(defang ? defangText(text, indicator) : text, maxChars);
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
