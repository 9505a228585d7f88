import { type Alert, type NotificationType, NotificationTypes, safeText } from '@tqalert/core';
import { objectLabel, safeTextOptions, type TextCleaner, textCleaner } from './alert-text.js';
import { chunkText, displayValue } from './display-value.js';
import type { Cell, DocumentContext, EmailDocument, Section } from './message-model.js';
import { kindLabels } from './notification-kind.js';
import { FOREIGN_LINK_LABEL, threatqLink } from './threatq-link.js';

/** Titles longer than this are shortened in the heading and shown in full in a "Full title" section. */
export const TITLE_DISPLAY_CHARS = 300;

/**
 * The email about one alert. Watchlist changes lead with a before/after table of what changed; data-collection
 * matches lead with the matched object's details; free-form notices lead with their message.
 */
export function singleAlertDocument(
  alert: Alert,
  type: NotificationType,
  context: DocumentContext,
): EmailDocument {
  // Title and summary are never capped: they are chunked over rows instead, so nothing of them is lost.
  const options = safeTextOptions(alert, context.defang);
  const uncapped = (text: string): string => safeText(text, options);
  const clean = textCleaner(alert, context.defang, context.maxCellChars);
  const labels = kindLabels(type);
  const { link, foreign } = threatqLink(alert, context.threatqUrl);
  const fullTitle = uncapped(alert.title);
  const titleChars = Array.from(fullTitle);
  const titleShortened = titleChars.length > TITLE_DISPLAY_CHARS;

  const fullTitleSection = titleShortened
    ? paragraphs('Full title', chunkText(fullTitle, context.maxCellChars))
    : undefined;
  const summary = alert.summary.trim()
    ? paragraphs(
        type === NotificationTypes.FREE_FORM ? 'Message' : 'Summary',
        chunkText(uncapped(alert.summary), context.maxCellChars),
      )
    : undefined;
  const changes = alert.changes.length
    ? changeTable(type === NotificationTypes.DATA_COLLECTION ? 'What changed' : 'Changes', alert, clean)
    : undefined;
  const details: Section = {
    kind: 'details',
    heading: 'Details',
    columns: [],
    rows: detailRows(alert, clean, link, foreign),
  };
  const order =
    type === NotificationTypes.WATCHLIST ? [summary, changes, details] : [summary, details, changes];

  const subjectText =
    type === NotificationTypes.FREE_FORM
      ? fullTitle
      : `${alert.severity.toUpperCase()} ${labels.one}: ${fullTitle}`;
  return {
    kindLabel: labels.one,
    title: titleShortened ? `${titleChars.slice(0, TITLE_DISPLAY_CHARS - 1).join('')}…` : fullTitle,
    severity: alert.severity,
    tlp: alert.tlp,
    subject: `${context.subjectPrefix} ${subjectText}`,
    link,
    notices: titleShortened ? ['The title is longer than the heading shows; the full title is below.'] : [],
    sections: [fullTitleSection, ...order].filter((section): section is Section => section !== undefined),
    completeness: 'everything about this alert',
    footer: [],
    headers: { 'X-TQAlert-Alert-Id': alert.id },
  };
}

function paragraphs(heading: string, chunks: string[]): Section {
  return { kind: 'paragraphs', heading, columns: [], rows: chunks.map((text) => [{ text }]) };
}

function changeTable(heading: string, alert: Alert, clean: TextCleaner): Section {
  return {
    kind: 'table',
    heading,
    columns: ['Field', 'Before', 'After'],
    rows: alert.changes.map((change) => [
      { text: clean(change.field) },
      { text: clean(displayValue(change.before)) },
      { text: clean(displayValue(change.after)) },
    ]),
  };
}

function detailRows(
  alert: Alert,
  clean: TextCleaner,
  link: string | undefined,
  foreign: string | undefined,
): Cell[][] {
  const rows: Cell[][] = [];
  const add = (label: string, value: Cell): void => {
    rows.push([{ text: label }, value]);
  };
  if (alert.object) add('Object', { text: objectLabel(alert, clean), href: link });
  if (foreign !== undefined) add(FOREIGN_LINK_LABEL, { text: foreign });
  add('Severity', { text: alert.severity.toUpperCase(), severity: alert.severity });
  if (alert.score !== null) add('Score', { text: String(alert.score) });
  if (alert.tlp) add('TLP', { text: `TLP:${alert.tlp}` });
  if (alert.sources.length) add('Sources', { text: clean(alert.sources.join(', ')) });
  if (alert.tags.length) add('Tags', { text: clean(alert.tags.join(', ')) });
  for (const [label, value] of Object.entries(alert.fields))
    rows.push([{ text: clean(label) }, { text: clean(displayValue(value)) }]);
  add('Occurred', { text: alert.occurredAt });
  add('Service', { text: clean(alert.service) });
  add('Alert ID', { text: clean(alert.id) });
  return rows;
}
