// The inbox page: one self-contained HTML document (inline CSS, one small inline script, nothing loaded from
// elsewhere). The first render comes from the server; the script then polls `/api/messages` every second and
// replaces only the cards whose revision changed, so an email's iframe is not reloaded by every new message.
import { escapeHtml } from './escape-html.js';
import type { InboxCard, InboxChannelJson, InboxSnapshot } from './inbox-snapshot.js';

/** A line of the page's "stand-ins" bar: what runs where. */
export interface InboxLink {
  label: string;
  value: string;
}

const STYLE = `
:root { color-scheme: light; --bg: #f4f4f6; --card: #fff; --ink: #1d1c1d; --muted: #616061; --line: #e2e2e6;
  --link: #1264a3; --accent: #4a154b; --ok: #2eb67d; --warn: #e8912d; --danger: #e01e5a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.46 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink);
  background: var(--bg); }
a { color: var(--link); }
.top { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: var(--accent); color: #fff; }
.top h1 { font-size: 18px; margin: 0; }
.status { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: var(--ok); }
.status.down { background: var(--danger); }
.counts { margin-left: auto; font-size: 13px; opacity: .9; }
.standins { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 6px 20px; font-size: 12px; color: var(--muted);
  background: #fff; border-bottom: 1px solid var(--line); }
.standins b { color: var(--ink); font-weight: 600; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; padding: 16px 20px; }
@media (max-width: 900px) { main { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 16px; margin: 0 0 10px; }
.empty { color: var(--muted); font-style: italic; padding: 12px 0; }
.channel { margin-bottom: 18px; }
.channel-name { font-size: 15px; margin: 0 0 6px; }
.channel-name .count, .omitted { color: var(--muted); font-weight: 400; font-size: 12px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin-bottom: 10px; }
.msg-head { display: flex; gap: 8px; align-items: baseline; font-size: 12px; color: var(--muted); margin-bottom: 4px; }
.who { font-weight: 700; color: var(--ink); font-size: 14px; }
.edited { font-style: italic; }
.blk { margin: 4px 0; }
.blk-header { font-size: 17px; margin: 6px 0; }
.blk-section { display: flex; gap: 12px; align-items: flex-start; }
.blk-main { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.blk-fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; margin-top: 6px; }
.blk-context { display: flex; flex-wrap: wrap; gap: 4px 10px; font-size: 12px; color: var(--muted); }
.blk-divider { border: 0; border-top: 1px solid var(--line); margin: 10px 0; }
.blk-actions { display: flex; flex-wrap: wrap; gap: 8px; }
.blk-unknown, .warn { color: var(--warn); font-size: 12px; }
.btn { display: inline-block; padding: 3px 12px; border: 1px solid #bbb; border-radius: 4px; font-size: 13px;
  font-weight: 600; color: var(--ink); text-decoration: none; background: #fff; }
.btn-primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.btn-danger { background: var(--danger); border-color: var(--danger); color: #fff; }
.btn-inert { opacity: .75; cursor: default; }
.img-ph { display: inline-block; padding: 2px 6px; border: 1px dashed #bbb; border-radius: 4px; font-size: 12px; }
.mention { background: #e8f5fa; color: var(--link); border-radius: 3px; padding: 0 2px; }
code { font: 12px/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid var(--line);
  border-radius: 3px; padding: 0 3px; color: #c01343; }
pre { font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; background: #f8f8f8; border: 1px solid var(--line);
  border-radius: 4px; padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 4px 0; }
blockquote { margin: 4px 0; padding-left: 10px; border-left: 4px solid #ddd; color: #444; }
.fallback, .mail-text { font-size: 12px; color: var(--muted); margin-top: 6px; }
.fallback summary, .mail-text summary { cursor: pointer; }
.thread { margin: 8px 0 0 14px; padding-left: 12px; border-left: 3px solid var(--line); }
.thread-count { font-size: 12px; color: var(--link); font-weight: 600; }
.reply { padding: 6px 0; border-top: 1px dashed var(--line); }
.mail-subject { font-size: 16px; margin: 2px 0 6px; }
.mail-headers { display: grid; grid-template-columns: max-content 1fr; gap: 0 10px; font-size: 13px; margin: 0 0 8px; }
.mail-headers dt { color: var(--muted); }
.mail-headers dd { margin: 0; overflow-wrap: anywhere; }
.mail-html { width: 100%; height: 380px; border: 1px solid var(--line); border-radius: 4px; background: #fff; resize: vertical; }
`;

// Runs in the browser. It only ever inserts cards the server rendered from escaped text; everything else it
// writes (channel names, counts) goes through textContent.
const SCRIPT = `
(() => {
  const slackRoot = document.getElementById('slack');
  const mailRoot = document.getElementById('emails');
  const status = document.getElementById('status');
  const counts = document.getElementById('counts');
  let etag = null;

  function item(entry) {
    const div = document.createElement('div');
    div.className = 'item';
    div.dataset.key = entry.key;
    div.dataset.rev = entry.rev;
    div.innerHTML = entry.card;
    return div;
  }

  function sync(container, entries, build, same) {
    const existing = new Map();
    for (const child of Array.from(container.children)) if (child.dataset.key) existing.set(child.dataset.key, child);
    const wanted = new Set(entries.map((e) => e.key));
    for (const [key, child] of existing) if (!wanted.has(key)) child.remove();
    let previous = null;
    for (const entry of entries) {
      let node = existing.get(entry.key);
      if (!node || !same(node, entry)) {
        const fresh = build(entry);
        if (node) node.replaceWith(fresh);
        node = fresh;
      }
      const expected = previous ? previous.nextElementSibling : container.firstElementChild;
      if (node !== expected) container.insertBefore(node, expected);
      previous = node;
    }
  }

  function channel(entry) {
    const section = document.createElement('section');
    section.className = 'channel';
    section.dataset.key = entry.key;
    const title = document.createElement('h3');
    title.className = 'channel-name';
    const name = document.createElement('span');
    const count = document.createElement('span');
    count.className = 'count';
    title.append(name, ' ', count);
    const list = document.createElement('div');
    list.className = 'list';
    const omitted = document.createElement('div');
    omitted.className = 'omitted';
    section.append(title, list, omitted);
    return section;
  }

  function fillChannel(section, entry) {
    section.querySelector('.channel-name span').textContent = entry.label;
    section.querySelector('.count').textContent = entry.messageCount + (entry.messageCount === 1 ? ' message' : ' messages');
    section.querySelector('.omitted').textContent = entry.omitted ? entry.omitted + ' older threads not shown' : '';
    sync(section.querySelector('.list'), entry.threads, item, (node, e) => node.dataset.rev === e.rev);
  }

  function emptyNote(root, isEmpty, text) {
    let note = root.parentElement.querySelector(':scope > .empty');
    if (isEmpty && !note) {
      note = document.createElement('div');
      note.className = 'empty';
      note.textContent = text;
      root.before(note);
    }
    if (!isEmpty && note) note.remove();
  }

  function apply(data) {
    const channels = data.slack.map((c) => ({ ...c, key: 'channel:' + c.id }));
    sync(slackRoot, channels, channel, () => true);
    for (const entry of channels) fillChannel(slackRoot.querySelector('[data-key="' + CSS.escape(entry.key) + '"]'), entry);
    sync(mailRoot, data.emails, item, (node, e) => node.dataset.rev === e.rev);
    emptyNote(slackRoot, channels.length === 0, 'No Slack message yet.');
    emptyNote(mailRoot, data.emails.length === 0, 'No email yet.');
    const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
    counts.textContent = plural(data.counts.slack, 'Slack message') + ' · ' + plural(data.counts.email, 'email');
  }

  async function poll() {
    try {
      const headers = etag ? { 'if-none-match': etag } : {};
      const response = await fetch('/api/messages', { headers, cache: 'no-store' });
      if (response.status === 200) {
        etag = response.headers.get('etag');
        apply(await response.json());
      }
      status.textContent = 'live';
      status.classList.remove('down');
    } catch {
      status.textContent = 'disconnected';
      status.classList.add('down');
    } finally {
      setTimeout(poll, 1000);
    }
  }
  poll();
})();
`;

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
  options: { nonce: string; title: string; links: InboxLink[] },
): string {
  const links = options.links
    .map((link) => `<span>${escapeHtml(link.label)}: <b>${escapeHtml(link.value)}</b></span>`)
    .join('');
  const slack = snapshot.slack.map(channelHtml).join('');
  const mails = snapshot.emails.map(cardHtml).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(options.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="top"><h1>${escapeHtml(options.title)}</h1><span id="status" class="status">live</span><span id="counts" class="counts">${plural(snapshot.counts.slack, 'Slack message')} · ${plural(snapshot.counts.email, 'email')}</span></header>
<nav class="standins">${links}</nav>
<main>
<section class="col"><h2>Slack</h2>${slack ? '' : '<div class="empty">No Slack message yet.</div>'}<div id="slack">${slack}</div></section>
<section class="col"><h2>Email</h2>${mails ? '' : '<div class="empty">No email yet.</div>'}<div id="emails" class="list">${mails}</div></section>
</main>
<script nonce="${escapeHtml(options.nonce)}">${SCRIPT}</script>
</body>
</html>
`;
}
