// The inbox page: one self-contained HTML document (inline CSS, one small inline script, nothing loaded from
// elsewhere). The first render comes from the server; the script then polls `/api/messages` every second and
// replaces only the cards whose revision changed, so an email's iframe is not reloaded by every new message.
import { escapeHtml } from './escape-html.js';
import { INBOX_SCRIPT } from './inbox-script.js';
import type { InboxCard, InboxChannelJson, InboxSnapshot } from './inbox-snapshot.js';
import { INBOX_STYLE } from './inbox-style.js';

/** A line of the page's "stand-ins" bar: what runs where. */
export interface InboxLink {
  label: string;
  value: string;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function cardHtml(entry: InboxCard): string {
  return `<div class="item" data-key="${escapeHtml(entry.key)}" data-rev="${escapeHtml(entry.rev)}">${entry.card}</div>`;
}

function channelHtml(channel: InboxChannelJson): string {
  const count = plural(channel.messageCount, 'message');
  return [
    `<section class="channel" data-key="${escapeHtml(`channel:${channel.id}`)}">`,
    `<h3 class="channel-name"><span>${escapeHtml(channel.label)}</span> <span class="count">${count}</span></h3>`,
    `<div class="list">${channel.threads.map(cardHtml).join('')}</div>`,
    `<div class="omitted">${channel.omitted ? `${channel.omitted} older threads not shown` : ''}</div>`,
    '</section>',
  ].join('');
}

/** The Content-Security-Policy the page is served with: only its own nonce'd script and calls to itself. */
export function inboxCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Emails carry inline styles; the email iframes inherit this policy, so remote images stay unloaded too.
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The full page, with the current snapshot rendered in. */
export function renderInboxPage(
  snapshot: InboxSnapshot,
  options: { nonce: string; title: string; links: InboxLink[]; users?: Array<{ id: string; name: string }> },
): string {
  const links = options.links
    .map((link) => `<span>${escapeHtml(link.label)}: <b>${escapeHtml(link.value)}</b></span>`)
    .join('');
  const slack = snapshot.slack.map(channelHtml).join('');
  const mails = snapshot.emails.map(cardHtml).join('');
  const user = snapshot.slackUser;
  const others = (options.users ?? []).filter((candidate) => candidate.id !== user?.id);
  // A picker when there is anyone else to act as (the page reloads with ?as=<id>); else just the name.
  const picker = others.length
    ? `<select id="acting-as" aria-label="act in Slack as">${[user, ...others]
        .filter((u) => u !== undefined)
        .map(
          (u) =>
            `<option value="${escapeHtml(u.id)}"${u.id === user?.id ? ' selected' : ''}>@${escapeHtml(u.name)}</option>`,
        )
        .join('')}</select>`
    : `@${escapeHtml(user?.name ?? '')}`;
  const acting = user
    ? `<span class="acting" title="buttons and modals act as this Slack user (${escapeHtml(user.id)})">acting as ${picker}</span>`
    : '';
  const modal = user?.modal ? cardHtml(user.modal) : '';
  const izoologic = snapshot.izoologic
    ? `<section class="col col-izoo"><h2>iZoologic</h2><div id="izoologic">${cardHtml(snapshot.izoologic)}</div></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${INBOX_STYLE}</style>
</head>
<body>
<header class="top"><h1>${escapeHtml(options.title)}</h1><span id="status" class="status">live</span>${acting}<span id="counts" class="counts">${plural(snapshot.counts.slack, 'Slack message')} · ${plural(snapshot.counts.email, 'email')}</span></header>
<nav class="standins">${links}</nav>
<main>
<section class="col"><h2>Slack</h2>${slack ? '' : '<div class="empty">No Slack message yet.</div>'}<div id="slack">${slack}</div></section>
<section class="col"><h2>Email</h2>${mails ? '' : '<div class="empty">No email yet.</div>'}<div id="emails" class="list">${mails}</div></section>
${izoologic}
</main>
<div id="modal-root">${modal}</div>
<div id="notice" class="notice" role="status" hidden></div>
<script nonce="${escapeHtml(options.nonce)}">${INBOX_SCRIPT}</script>
</body>
</html>
`;
}
