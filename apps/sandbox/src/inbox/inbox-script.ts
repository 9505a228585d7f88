// The inbox page's one script (inline, with the page's CSP nonce). It only ever inserts cards the server rendered
// from escaped text; everything else it writes (channel names, counts, times, emoji chips) goes through
// textContent or CSS. Besides polling, it does what needs the reader's browser: sizes each email frame to its
// content, shows times in the reader's zone, keeps opened "Show all" folds open across updates, and shows emoji
// shortcodes as text when the system has no colour emoji font. When the page acts as a Slack user it also clicks
// message buttons (after Slack's confirm dialog), submits and cancels modals, and tells the person what came of it.
import { DEFANGED_SOURCE } from './defanged-text.js';

const SCRIPT = `
(() => {
  const slackRoot = document.getElementById('slack');
  const mailRoot = document.getElementById('emails');
  const izooRoot = document.getElementById('izoologic');
  const status = document.getElementById('status');
  const counts = document.getElementById('counts');
  const modalRoot = document.getElementById('modal-root');
  const notice = document.getElementById('notice');
  const DEFANGED = new RegExp(__DEFANGED_SOURCE__, 'gi');
  let etag = null;
  // Acting as someone else than the sandbox user: ?as=<user id> goes with every request.
  const as = new URLSearchParams(location.search).get('as');
  const asQuery = as ? '?as=' + encodeURIComponent(as) : '';
  const picker = document.getElementById('acting-as');
  if (picker) {
    picker.addEventListener('change', () => {
      const next = new URL(location.href);
      next.searchParams.set('as', picker.value);
      location.assign(next.href);
    });
  }

  // A colour emoji font draws coloured pixels; a missing one draws a grey box (or nothing). Then every known
  // emoji shows its shortcode instead (CSS: .no-emoji-font .emoji::after).
  function hasColourEmoji() {
    try {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 32;
      const g = canvas.getContext('2d', { willReadFrequently: true });
      if (!g) return true;
      g.textBaseline = 'top';
      g.font = '26px "Apple Color Emoji", "Segoe UI Emoji", "Noto Color Emoji", sans-serif';
      g.fillStyle = '#000';
      g.fillText('\\u{1F6A8}', 0, 0);
      const px = g.getImageData(0, 0, 32, 32).data;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3] > 0 && (px[i] !== px[i + 1] || px[i + 1] !== px[i + 2])) return true;
      }
      return false;
    } catch {
      return true;
    }
  }
  if (!hasColourEmoji()) document.documentElement.classList.add('no-emoji-font');

  // "2 min ago · 14:03" in the reader's zone; the ISO instant stays in the title. Formatters are made once: the
  // times are refreshed every few seconds.
  const clockFormat = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
  const dayFormat = new Intl.DateTimeFormat([], { day: 'numeric', month: 'short', year: 'numeric' });
  function humanTime(date, now) {
    const seconds = Math.round((now - date.getTime()) / 1000);
    const clock = clockFormat.format(date);
    if (seconds < 45) return 'just now · ' + clock;
    if (seconds < 3600) return Math.max(1, Math.round(seconds / 60)) + ' min ago · ' + clock;
    if (seconds < 86400) return Math.round(seconds / 3600) + ' h ago · ' + clock;
    return dayFormat.format(date) + ' · ' + clock;
  }
  function humanTimes() {
    const now = Date.now();
    for (const el of document.querySelectorAll('time[datetime]')) {
      const date = new Date(el.getAttribute('datetime'));
      if (Number.isNaN(date.getTime())) continue;
      const text = humanTime(date, now);
      if (el.textContent !== text) el.textContent = text;
      if (!el.title) el.title = date.toISOString();
    }
  }

  // Marks defanged tokens in an email's text with the page's one defanged style (display only: the text is not
  // changed).
  function markDefanged(doc) {
    const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue;
      if (!node.parentElement || node.parentElement.closest('style, script, textarea, title, .defanged')) continue;
      const matches = Array.from(text.matchAll(DEFANGED));
      if (matches.length === 0) continue;
      const parts = doc.createDocumentFragment();
      let last = 0;
      for (const m of matches) {
        parts.append(text.slice(last, m.index));
        const span = doc.createElement('span');
        span.className = 'defanged';
        span.textContent = m[0];
        parts.append(span);
        last = m.index + m[0].length;
      }
      parts.append(text.slice(last));
      node.replaceWith(parts);
    }
  }

  // An email frame as tall as its content, so it never has a scrollbar of its own. The frame is same-origin
  // (sandbox="allow-same-origin", no scripts in it): the page reads its height and follows every change (a
  // narrower window wraps more lines) with a ResizeObserver on the frame's root element.
  const fitted = new WeakSet();
  function fitFrame(frame) {
    const doc = frame.contentDocument;
    if (!doc || fitted.has(doc) || doc.location.href !== 'about:srcdoc' || doc.readyState !== 'complete') return;
    fitted.add(doc);
    markDefanged(doc);
    const root = doc.documentElement;
    const fit = () => {
      const border = frame.offsetHeight - frame.clientHeight;
      const content = Math.ceil(root.getBoundingClientRect().height);
      if (content !== root.clientHeight) frame.style.height = content + border + 'px';
      // Anything outside the root's box (a positioned element, a horizontal scrollbar) still counts.
      if (root.scrollHeight > root.clientHeight) frame.style.height = root.scrollHeight + border + 'px';
    };
    new ResizeObserver(fit).observe(root);
    fit();
  }
  function fitFrames(root) {
    for (const frame of root.querySelectorAll('iframe.mail-html')) {
      if (!frame.dataset.fit) {
        frame.dataset.fit = '1';
        frame.addEventListener('load', () => fitFrame(frame));
      }
      fitFrame(frame);
    }
  }

  function item(entry) {
    const div = document.createElement('div');
    div.className = 'item';
    div.dataset.key = entry.key;
    div.dataset.rev = entry.rev;
    div.innerHTML = entry.card;
    return div;
  }

  // A replaced card keeps the folds the reader opened ("Show all", notification text, text alternative), and a
  // re-rendered modal (new inline errors) keeps what the person typed, unless the app replaced the view (new hash).
  function keepOpen(from, to) {
    for (const fold of from.querySelectorAll('details[data-keep][open]')) {
      const same = to.querySelector('details[data-keep="' + CSS.escape(fold.dataset.keep) + '"]');
      if (same) same.open = true;
    }
    const oldForm = from.querySelector('form.modal');
    const newForm = to.querySelector('form.modal');
    if (oldForm && newForm && oldForm.dataset.viewId === newForm.dataset.viewId && oldForm.dataset.hash === newForm.dataset.hash) {
      for (const control of oldForm.querySelectorAll('[data-action-id][id]')) {
        const twin = newForm.querySelector('#' + CSS.escape(control.id));
        if (twin) twin.value = control.value;
      }
    }
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
        if (node) {
          keepOpen(node, fresh);
          node.replaceWith(fresh);
        }
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
    if (izooRoot && data.izoologic) sync(izooRoot, [data.izoologic], item, (node, e) => node.dataset.rev === e.rev);
    const modal = data.slackUser && data.slackUser.modal;
    sync(modalRoot, modal ? [modal] : [], item, (node, e) => node.dataset.rev === e.rev);
    emptyNote(slackRoot, channels.length === 0, 'No Slack message yet.');
    emptyNote(mailRoot, data.emails.length === 0, 'No email yet.');
    const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
    counts.textContent = plural(data.counts.slack, 'Slack message') + ' · ' + plural(data.counts.email, 'email');
    fitFrames(mailRoot);
  }

  let noticeTimer = null;
  function tell(text, bad) {
    notice.textContent = text;
    notice.classList.toggle('bad', Boolean(bad));
    notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { notice.hidden = true; }, bad ? 10000 : 5000);
  }

  // Acting as the Slack user: every answer is JSON { ok, message?, errors? } (or { error } for a refused request).
  async function act(path, body) {
    let result;
    try {
      const response = await fetch(path + asQuery, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const data = await response.json().catch(() => ({}));
      result = response.ok ? data : { ok: false, message: data.error || 'the inbox answered HTTP ' + response.status };
    } catch {
      result = { ok: false, message: 'the inbox did not answer: is the sandbox still running?' };
    }
    if (result.message) tell(result.message, !result.ok);
    pollSoon();
    return result;
  }

  function sendClick(button) {
    const message = button.closest('[data-ts]');
    const card = button.closest('article[data-channel]');
    if (!message || !card) return;
    button.setAttribute('aria-busy', 'true');
    act('/api/slack/click', { channel: card.dataset.channel, ts: message.dataset.ts, actionId: button.dataset.actionId })
      .finally(() => button.removeAttribute('aria-busy'));
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const answer = target.closest('dialog [data-answer]');
    if (answer) {
      answer.closest('dialog').close(answer.dataset.answer);
      return;
    }
    const close = target.closest('form.modal [data-modal="close"]');
    if (close) {
      act('/api/slack/views/' + encodeURIComponent(close.closest('form.modal').dataset.viewId) + '/cancel', {});
      return;
    }
    const button = target.closest('button.btn-action');
    // Ephemeral messages are not stored messages: Slack would send a different container; the stand-in does not.
    if (!button || button.closest('.ephemeral') || button.getAttribute('aria-busy') === 'true') return;
    const dialog = button.parentElement.querySelector(':scope > dialog.slack-confirm');
    if (!dialog) {
      sendClick(button);
      return;
    }
    dialog.returnValue = '';
    dialog.addEventListener('close', () => { if (dialog.returnValue === 'confirm') sendClick(button); }, { once: true });
    dialog.showModal();
  });

  document.addEventListener('submit', async (event) => {
    const form = event.target instanceof Element ? event.target.closest('form.modal') : null;
    if (!form) return;
    event.preventDefault();
    const values = {};
    for (const control of form.querySelectorAll('[data-block-id][data-action-id]')) {
      if (!('value' in control)) continue;
      (values[control.dataset.blockId] ||= {})[control.dataset.actionId] = control.value;
    }
    const submit = form.querySelector('[data-modal="submit"]');
    if (submit) submit.disabled = true;
    const result = await act('/api/slack/views/' + encodeURIComponent(form.dataset.viewId) + '/submit', { values });
    if (submit) submit.disabled = false;
    // Show the errors at once (the next poll renders the same); a modal that closed is gone by then anyway.
    for (const box of form.querySelectorAll('.modal-input')) {
      const text = (result.errors || {})[box.dataset.blockId];
      box.classList.toggle('has-error', Boolean(text));
      let line = box.querySelector('.modal-error');
      if (!line) {
        line = document.createElement('div');
        line.className = 'modal-error';
        line.setAttribute('role', 'alert');
        box.append(line);
      }
      line.textContent = text || '';
    }
    form.querySelector('.modal-general').textContent = !result.ok && !result.errors ? result.message || '' : '';
  });

  let polls = 0;
  let timer = null;
  // After an action, look again at once rather than at the next tick: the effect shows as soon as it happened.
  function pollSoon() {
    clearTimeout(timer);
    timer = setTimeout(poll, 50);
  }
  async function poll() {
    let changed = false;
    try {
      const headers = etag ? { 'if-none-match': etag } : {};
      const response = await fetch('/api/messages' + asQuery, { headers, cache: 'no-store' });
      if (response.status === 200) {
        etag = response.headers.get('etag');
        apply(await response.json());
        changed = true;
      }
      status.textContent = 'live';
      status.classList.remove('down');
    } catch {
      status.textContent = 'disconnected';
      status.classList.add('down');
    } finally {
      polls += 1;
      if (changed || polls % 5 === 0) humanTimes();
      clearTimeout(timer);
      timer = setTimeout(poll, 1000);
    }
  }
  humanTimes();
  fitFrames(mailRoot);
  poll();
})();
`;

/** The page's script, with the defanged-token pattern the server uses (so both panels mark the same tokens). */
export const INBOX_SCRIPT = SCRIPT.replace('__DEFANGED_SOURCE__', () => JSON.stringify(DEFANGED_SOURCE));
