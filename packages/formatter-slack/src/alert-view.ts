/**
 * Turns one alert into the pieces of text a layout places: every upstream value defanged (when on) and escaped
 * for mrkdwn here, in one place, so no layout can forget to.
 */
import type { Alert, Change, Severity } from '@tqalert/core';
import { defangIndicator, defangText } from './defang.js';
import { escapeMrkdwn, isWebUrl } from './mrkdwn-escape.js';

/** How values are shown. */
export interface ViewSettings {
  /** Defang indicator values and URLs from data. */
  defang: boolean;
}

/** An alert's displayable parts. Everything but `titlePlain` and `link` is escaped mrkdwn. */
export interface AlertView {
  /** The title defanged but not escaped, for a plain-text header. */
  titlePlain: string;
  title: string;
  summary: string;
  /** `*Label*\nvalue` fields: object, type, score, severity. */
  facts: string[];
  /** `*field*\nbefore → after` fields, one per change (a score change is in `facts`). */
  changes: string[];
  /** `*label*\nvalue` fields from the alert's extra `fields`. */
  data: string[];
  /** Short context lines: TLP, sources, tags, origin. */
  context: string[];
  /** The ThreatQ deep link, when it is a web URL. Not escaped. */
  link: string | undefined;
}

const SEVERITY_ICONS: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};

/** Any upstream value as text: strings as they are, lists joined, objects as JSON, nothing as an em dash. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(displayValue).join(', ');
  return JSON.stringify(value) ?? String(value);
}

const isScore = (change: Change): boolean => /^score$/i.test(change.field);

/** Builds the view of `alert`. */
export function viewAlert(alert: Alert, settings: ViewSettings): AlertView {
  const indicator = alert.object?.collection === 'indicators' ? alert.object.value : undefined;
  const iocs = indicator === undefined ? [] : [indicator];
  const plain = (value: unknown): string =>
    settings.defang ? defangText(displayValue(value), iocs) : displayValue(value);
  const show = (value: unknown): string => escapeMrkdwn(plain(value));
  const field = (label: string, value: string): string => `*${escapeMrkdwn(label)}*\n${value}`;

  const facts: string[] = [];
  if (alert.object) {
    const value =
      indicator !== undefined && settings.defang ? defangIndicator(indicator) : plain(alert.object.value);
    facts.push(field('Object', escapeMrkdwn(value)));
    if (alert.object.type) facts.push(field('Type', show(alert.object.type)));
  }
  const scoreChange = alert.changes.find(isScore);
  if (scoreChange) facts.push(field('Score', `${show(scoreChange.before)} → ${show(scoreChange.after)}`));
  else if (alert.score !== null) facts.push(field('Score', show(alert.score)));
  facts.push(field('Severity', `${SEVERITY_ICONS[alert.severity]} ${alert.severity}`));

  const context: string[] = [];
  if (alert.tlp) context.push(`*TLP:${escapeMrkdwn(alert.tlp)}*`);
  if (alert.sources.length > 0) context.push(`Sources: ${alert.sources.map(show).join(', ')}`);
  if (alert.tags.length > 0) context.push(`Tags: ${alert.tags.map(show).join(', ')}`);
  context.push(`${show(alert.service)} · ${show(alert.occurredAt)}`);

  return {
    titlePlain: plain(alert.title),
    title: show(alert.title),
    summary: alert.summary === '' ? '' : show(alert.summary),
    facts,
    changes: alert.changes
      .filter((c) => !isScore(c))
      .map((c) => field(plain(c.field), `${show(c.before)} → ${show(c.after)}`)),
    data: Object.entries(alert.fields).map(([label, value]) => field(plain(label), show(value))),
    context,
    link: isWebUrl(alert.object?.link) ? alert.object?.link : undefined,
  };
}
