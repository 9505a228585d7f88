// Slack's mrkdwn to HTML, safe by construction: the text is parsed into pieces, and each piece is written either
// as escaped text or as markup this module makes itself. Nothing in a message is ever passed through as HTML.
import { inlineTextHtml } from './defanged-text.js';
import { decodeSlackEntities, escapeHtml, externalLink, safeHttpUrl } from './escape-html.js';

/** Names for ids in mentions (`<@U123>`, `<#C123>`); unknown ids are shown as they are. */
export interface NameLookup {
  userName?(id: string): string | undefined;
  channelName?(id: string): string | undefined;
}

const FENCE = /```([\s\S]*?)```/g;
const QUOTE = /^(?:&gt;|>) ?/;

// One alternative per inline construct; the earliest match wins, so a link's URL is never read as formatting.
// Bold, italic and strike need a non-word character (or the edge) on the outside and no space on the inside,
// as in Slack: `snake_case_name` and `2*3*4` stay as they are. A `<…>` link inside them is one unit, so
// `*<https://…|a *b* c>*` is a bold link. Each character can be read only one way (a token, a lone `<`, or any
// other character), so a long line that never closes its `*` costs no backtracking blow-up.
const INLINE = new RegExp(
  [
    String.raw`<([^<>\n]+)>`,
    String.raw`\x60([^\x60\n]+)\x60`,
    String.raw`(?<![\p{L}\p{N}*])\*(?!\s)((?:<[^<>\n]+>|<(?![^<>\n]*>)|[^*<\n])+?)(?<!\s)\*(?![\p{L}\p{N}*])`,
    String.raw`(?<![\p{L}\p{N}_])_(?!\s)((?:<[^<>\n]+>|<(?![^<>\n]*>)|[^_<\n])+?)(?<!\s)_(?![\p{L}\p{N}_])`,
    String.raw`(?<![\p{L}\p{N}~])~(?!\s)((?:<[^<>\n]+>|<(?![^<>\n]*>)|[^~<\n])+?)(?<!\s)~(?![\p{L}\p{N}~])`,
  ].join('|'),
  'gu',
);

/** Slack-escaped plain text to escaped HTML text, emoji shortcodes and defanged indicators marked up. */
function text(raw: string): string {
  return inlineTextHtml(decodeSlackEntities(raw));
}

/** Code: Slack-escaped text to escaped HTML, exactly as written (no emoji). */
function literal(raw: string): string {
  return escapeHtml(decodeSlackEntities(raw));
}

/** One `<…>` token: a link, a mention, a special mention, a date; anything else is shown literally. */
function angleToken(body: string, names: NameLookup): string {
  const bar = body.indexOf('|');
  const target = bar === -1 ? body : body.slice(0, bar);
  const label = bar === -1 ? undefined : body.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    const name = names.userName?.(id) ?? label?.replace(/^@/, '') ?? id;
    return `<span class="mention">@${text(name)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = names.channelName?.(id) ?? label ?? id;
    return `<span class="mention">#${text(name)}</span>`;
  }
  if (target.startsWith('!')) {
    const special = target.slice(1);
    if (label !== undefined) return `<span class="mention">${text(label)}</span>`;
    if (/^(here|channel|everyone)$/.test(special)) return `<span class="mention">@${text(special)}</span>`;
    return text(`<${body}>`);
  }
  const href = safeHttpUrl(decodeSlackEntities(target));
  if (href !== undefined) return externalLink(href, text(label ?? target));
  // mailto:, tel:, javascript: and friends: show what the sender wrote, but never as a link.
  return label !== undefined ? text(label) : text(`<${body}>`);
}

/** Inline mrkdwn (one line) to HTML. */
function inline(line: string, names: NameLookup): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(INLINE)) {
    const index = match.index ?? 0;
    out += text(line.slice(last, index));
    const [whole, angle, code, bold, italic, strike] = match;
    if (angle !== undefined) out += angleToken(angle, names);
    else if (code !== undefined) out += `<code>${literal(code)}</code>`;
    else if (bold !== undefined) out += `<strong>${inline(bold, names)}</strong>`;
    else if (italic !== undefined) out += `<em>${inline(italic, names)}</em>`;
    else if (strike !== undefined) out += `<del>${inline(strike, names)}</del>`;
    else out += text(whole);
    last = index + whole.length;
  }
  return out + text(line.slice(last));
}

/** Lines outside code fences: quotes (`>` / `&gt;`) become blockquotes, line breaks become `<br>`. */
function lines(segment: string, names: NameLookup): string {
  const parts: string[] = [];
  let quote: string[] = [];
  const flushQuote = () => {
    if (quote.length > 0) parts.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  let plain: string[] = [];
  const flushPlain = () => {
    if (plain.length > 0) parts.push(plain.join('<br>'));
    plain = [];
  };
  for (const line of segment.split('\n')) {
    if (QUOTE.test(line)) {
      flushPlain();
      quote.push(inline(line.replace(QUOTE, ''), names));
    } else {
      flushQuote();
      plain.push(inline(line, names));
    }
  }
  flushPlain();
  flushQuote();
  return parts.join('');
}

/**
 * Renders Slack mrkdwn as HTML: `*bold*`, `_italic_`, `~strike~`, `` `code` ``, ```` ``` ```` blocks, `>` quotes,
 * `<https://…|links>` (anchors for http and https only), `<@user>`, `<#channel>` and `<!here>` mentions. Slack's
 * `&amp;`, `&lt;` and `&gt;` are shown as the characters they stand for; every character of the message is
 * escaped on the way out.
 */
export function renderMrkdwn(source: string, names: NameLookup = {}): string {
  let out = '';
  let last = 0;
  // A code block is a block of its own, so the line breaks just around it are not drawn again.
  const around = (from: number, to: number) => {
    let segment = source.slice(from, to);
    if (from > 0) segment = segment.replace(/^\n/, '');
    if (to < source.length) segment = segment.replace(/\n$/, '');
    return lines(segment, names);
  };
  for (const match of source.matchAll(FENCE)) {
    const index = match.index ?? 0;
    out += around(last, index);
    out += `<pre class="code">${literal((match[1] ?? '').replace(/^\n/, '').replace(/\n$/, ''))}</pre>`;
    last = index + match[0].length;
  }
  return out + around(last, source.length);
}

/** Plain text (Block Kit `plain_text`): escaped, emoji and defanged indicators marked up, line breaks kept. */
export function renderPlainText(source: string): string {
  return inlineTextHtml(source).replace(/\n/g, '<br>');
}
