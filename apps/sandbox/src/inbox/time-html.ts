// One way to show a moment on the inbox page. The server writes the UTC clock time (what a page without script
// shows); the page script rewrites the text as a human time in the reader's zone ("2 min ago · 14:03"), and the
// exact ISO instant stays on hover in `title`.
import { escapeHtml } from './escape-html.js';

/** A `<time>` element for `date`; '' when the date is missing or invalid. */
export function timeHtml(date: Date | undefined): string {
  if (date === undefined || Number.isNaN(date.getTime())) return '';
  const iso = escapeHtml(date.toISOString());
  return `<time datetime="${iso}" title="${iso}">${iso.slice(11, 19)} UTC</time>`;
}
