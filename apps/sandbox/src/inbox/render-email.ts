// An email as the inbox shows it: subject, from, to, the HTML body in a sandboxed iframe (no scripts, no forms,
// no same-origin access, no navigation of the page), and the text alternative.
import { escapeHtml } from './escape-html.js';

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
}

/** `Name <address>` list, or `address` alone. */
export function formatAddresses(addresses: readonly InboxAddress[]): string {
  return addresses.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');
}

/** One email as a card. `index` is its position among the received messages (a stable key). */
export function renderEmail(mail: InboxEmail, index: number): string {
  const subject = mail.subject?.trim() ? mail.subject : '(no subject)';
  const date = mail.parsed?.date;
  const when =
    date && !Number.isNaN(date.getTime())
      ? `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(date.toISOString().slice(11, 19))} UTC</time>`
      : '';
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
        `<iframe class="mail-html" sandbox="" referrerpolicy="no-referrer" title="HTML body of email ${index + 1}" srcdoc="${escapeHtml(mail.html)}"></iframe>` +
        `<details class="mail-text"><summary>text alternative</summary><pre>${text ? escapeHtml(text) : '(none: this email has no text part)'}</pre></details>`
      : `<pre class="mail-text-only">${escapeHtml(text)}</pre>`;
  return [
    `<article class="card mail" data-index="${index}">`,
    `<div class="msg-head"><span class="who">email ${index + 1}</span>${when}</div>`,
    `<h3 class="mail-subject">${escapeHtml(subject)}</h3>`,
    `<dl class="mail-headers">${rows}</dl>`,
    body,
    '</article>',
  ].join('');
}
