/**
 * Turns one alert into the pieces of text a layout places: every upstream value defanged (when on), bidi
 * controls neutralised and escaped for mrkdwn here, in one place and in one pass per value, so no layout can
 * forget to.
 */
import {
  type Alert,
  type Change,
  checkThreatQLink,
  prepareSafeText,
  type Severity,
  safeText,
} from '@tqalert/core';
import { escapedAlike, MRKDWN_ESCAPER, PLAIN_TEXT_ESCAPER } from './slack-escapers.js';

/** How values are shown. */
export interface ViewSettings {
  /** Defang indicator values and URLs from data. */
  defang: boolean;
  /**
   * The ThreatQ origin (`https://threatq.example.com`): an alert link elsewhere is shown as text, not as the
   * "Open in ThreatQ" link. Undefined: every http(s) link is trusted.
   */
  threatqOrigin?: string | undefined;
}

/** An alert's displayable parts. Everything but `titlePlain` and `link` is escaped mrkdwn. */
export interface AlertView {
  /** The title defanged and neutralised for a `plain_text` header (no entities: Slack shows them as typed). */
  titlePlain: string;
  title: string;
  summary: string;
  /** `*Label*\nvalue` fields: object, type, score, severity. */
  facts: string[];
  /** `*field*\nbefore → after` fields, one per change (a score change is in `facts`). */
  changes: string[];
  /** `*label*\nvalue` fields from the alert's extra `fields`. */
  data: string[];
  /** Short context lines: TLP, sources, tags, origin, and a link that is not ThreatQ's, as text. */
  context: string[];
  /** The ThreatQ deep link, when it is a web URL on the ThreatQ origin. Not escaped. */
  link: string | undefined;
}

const SEVERITY_ICONS: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};

/**
 * `list.map(displayValue).join(', ')` without the intermediate array (a change's before and after are often
 * lists); a hole shows as nothing, as `join` shows it.
 */
function displayList(list: readonly unknown[]): string {
  let out = 0 in list ? displayValue(list[0]) : '';
  for (let i = 1; i < list.length; i++) out += i in list ? `, ${displayValue(list[i])}` : ', ';
  return out;
}

/** Any upstream value as text: strings as they are, lists joined, objects as JSON, nothing as an em dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? '—' : displayList(value);
  return JSON.stringify(value) ?? String(value);
}

const isScore = (change: Change): boolean =>
  change.field.length === 5 && change.field.toLowerCase() === 'score';

/** A bold label and its value, as a field. The label is escaped already (ours, or shown through the view). */
const field = (label: string, value: string): string => `*${label}*\n${value}`;

/** Builds the view of `alert`. */
export function viewAlert(alert: Alert, settings: ViewSettings): AlertView {
  const indicator = alert.object?.collection === 'indicators' ? alert.object.value : undefined;
  const indicators = indicator === undefined ? undefined : [indicator];
  const defang = settings.defang;
  // Literals rather than spreads of one options object: three per alert, and a spread is a slow copy.
  const mrkdwn = prepareSafeText({ defang, indicators, escaper: MRKDWN_ESCAPER });
  const whole = prepareSafeText({ defang, indicators, whole: true, escaper: MRKDWN_ESCAPER });
  const show = (value: unknown): string => safeText(displayValue(value), mrkdwn);
  // Validated lists of strings, shown and joined without an intermediate array.
  const showAll = (list: readonly string[]): string => {
    let out = show(list[0]);
    for (let i = 1; i < list.length; i++) out += `, ${show(list[i])}`;
    return out;
  };

  const facts: string[] = [];
  if (alert.object) {
    // The indicator itself is defanged whole: every dot, whatever its shape.
    const value = indicator === undefined ? show(alert.object.value) : safeText(indicator, whole);
    facts.push(field('Object', value));
    if (alert.object.type) facts.push(field('Type', show(alert.object.type)));
  }
  const scoreChange = alert.changes.find(isScore);
  if (scoreChange) facts.push(field('Score', `${show(scoreChange.before)} → ${show(scoreChange.after)}`));
  else if (alert.score !== null) facts.push(field('Score', show(alert.score)));
  facts.push(field('Severity', `${SEVERITY_ICONS[alert.severity]} ${alert.severity}`));

  const context: string[] = [];
  if (alert.tlp) context.push(`*TLP:${alert.tlp}*`);
  if (alert.sources.length > 0) context.push(`Sources: ${showAll(alert.sources)}`);
  if (alert.tags.length > 0) context.push(`Tags: ${showAll(alert.tags)}`);
  // occurredAt is a validated ISO 8601 time: nothing in it to defang or escape.
  context.push(`${show(alert.service)} · ${alert.occurredAt}`);
  const checked = checkThreatQLink(alert.object?.link, settings.threatqOrigin);
  if (checked?.kind === 'foreign') context.push(`Link (not ThreatQ): ${safeText(checked.url, whole)}`);

  const title = show(alert.title);
  const changes: string[] = [];
  for (const change of alert.changes) {
    if (!isScore(change))
      changes.push(field(show(change.field), `${show(change.before)} → ${show(change.after)}`));
  }
  const data: string[] = [];
  for (const label in alert.fields) {
    if (Object.hasOwn(alert.fields, label)) data.push(field(show(label), show(alert.fields[label])));
  }
  return {
    titlePlain:
      alert.title !== '' && escapedAlike(alert.title)
        ? title
        : safeText(alert.title, prepareSafeText({ defang, indicators, escaper: PLAIN_TEXT_ESCAPER })),
    title,
    summary: alert.summary === '' ? '' : show(alert.summary),
    facts,
    changes,
    data,
    context,
    link: checked?.kind === 'threatq' ? checked.url : undefined,
  };
}
