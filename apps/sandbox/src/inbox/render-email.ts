// An email as the inbox shows it: subject, from, to, the HTML body in a sandboxed iframe, and the text
// alternative.
//
// Why an iframe and not a shadow root: the email's HTML is never parsed or sanitised by the inbox; it stays a
// document of its own, so its styles cannot reach the page and the page's cannot reach it. Why
// `sandbox="allow-same-origin"` and nothing else: the frame runs no script (the sandbox has no allow-scripts, and
// the page's nonce-only CSP is inherited by srcdoc frames besides), cannot submit forms, open pop-ups or navigate
// the page; being same-origin only lets the page's own script read the frame's height to size it to its content
// (no inner scrollbar) and mark defanged indicators, without putting any script inside the email.
import { DEFANGED_CSS } from './defanged-text.js';
import { escapeHtml } from './escape-html.js';
import { timeHtml } from './time-html.js';

/** An address as parsed from a header. */
export interface InboxAddress {
  address: string;
  name: string;
}

/** The fields of a received email the inbox reads (the SMTP sink's `messages` items have them). */
export interface InboxEmail {
  subject: string | undefined;
  from: readonly InboxAddress[];
  to: readonly InboxAddress[];
  cc?: readonly InboxAddress[];
  text: string | undefined;
  html: string | undefined;
  messageId?: string | undefined;
  parsed?: { date?: Date | undefined };
  /** Parsed headers (the SMTP sink's, keys in lower case): `x-tqalert-replica` names the replica that sent it. */
  headers?: { get(name: string): unknown };
}

/** `Name <address>` list, or `address` alone. */
export function formatAddresses(addresses: readonly InboxAddress[]): string {
  return addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

/**
 * Put before the email's own HTML in the frame: standards mode, and the few rules that let a body fit its frame's
 * width (wide tables and long words wrap, images shrink) and its height follow its content (no `height: 100%`
 * that would grow with the frame). The email's own doctype, if any, comes later and is ignored.
 */
export const EMAIL_FRAME_PREFIX =
  '<!doctype html><meta charset="utf-8"><style>' +
  'html, body { height: auto !important; min-height: 0 !important; } ' +
  'body { overflow-wrap: anywhere; } ' +
  'table { max-width: 100% !important; } td, th { overflow-wrap: anywhere; word-break: break-word; } ' +
  'img { max-width: 100% !important; height: auto !important; } ' +
  'pre { white-space: pre-wrap !important; } ' +
  `${DEFANGED_CSS}</style>`;

/** "sent by replica-2" when the email names the worker replica that sent it. */
function replicaChip(mail: InboxEmail): string {
  const replica = mail.headers?.get('x-tqalert-replica');
  return typeof replica === 'string' && replica !== ''
    ? `<span class="replica" title="the worker replica that sent it">sent by ${escapeHtml(replica)}</span>`
    : '';
}

/** One email as a card. `index` is its position among the received messages (a stable key). */
export function renderEmail(mail: InboxEmail, index: number): string {
  const subject = mail.subject?.trim() ? mail.subject : '(no subject)';
  const rows = [
    ['From', formatAddresses(mail.from)],
    ['To', formatAddresses(mail.to)],
    ...(mail.cc && mail.cc.length > 0 ? [['Cc', formatAddresses(mail.cc)]] : []),
  ]
    .map(([label, value]) => `<dt>${escapeHtml(label ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
    .join('');
  const text = mail.text ?? '';
  const body =
    mail.html !== undefined && mail.html !== ''
      ? // The attribute value is escaped, so the email's HTML becomes the iframe's document and never this page's.
        `<iframe class="mail-html" sandbox="allow-same-origin" referrerpolicy="no-referrer" title="HTML body of email ${index + 1}" srcdoc="${escapeHtml(EMAIL_FRAME_PREFIX + mail.html)}"></iframe>` +
        `<details class="mail-text" data-keep="text"><summary>text alternative</summary><pre>${text ? escapeHtml(text) : '(none: this email has no text part)'}</pre></details>`
      : `<pre class="mail-text-only">${escapeHtml(text)}</pre>`;
  return [
    `<article class="card mail" data-index="${index}">`,
    `<div class="msg-head"><span class="who">email ${index + 1}</span>${timeHtml(mail.parsed?.date)}${replicaChip(mail)}</div>`,
    `<h3 class="mail-subject">${escapeHtml(subject)}</h3>`,
    `<dl class="mail-headers">${rows}</dl>`,
    body,
    '</article>',
  ].join('');
}
