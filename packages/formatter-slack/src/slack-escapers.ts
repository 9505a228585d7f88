/**
 * How upstream text is escaped for Slack, as {@link TextEscaper}s the core text-safety scanner applies in the
 * same pass as defanging: one for mrkdwn (sections, fields, context) and one for `plain_text` (headers).
 */
import { createEscaper } from '@tqalert/core';

/** U+2060 WORD JOINER: invisible, but it breaks Slack's recognition of `@channel` and `<!…>`. */
export const JOINER = '\u2060';

const BROADCASTS = ['channel', 'here', 'everyone'] as const;

function isWordChar(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122) || code === 95;
}

/** `text[index]` is the `@` of `@channel`, `@here` or `@everyone` (any case) ending at a word boundary. */
function isBroadcastAt(text: string, index: number): boolean {
  for (const word of BROADCASTS) {
    const end = index + 1 + word.length;
    if (
      text.length >= end &&
      text.slice(index + 1, end).toLowerCase() === word &&
      !isWordChar(text.charCodeAt(end))
    )
      return true;
  }
  return false;
}

/** Only spaces or tabs between the start of the line (or of the value) and `index`. */
function startsLine(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const code = text.charCodeAt(i);
    if (code === 10) return true;
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

function isAlphanumeric(code: number): boolean {
  const lower = code | 0x20;
  return (code >= 48 && code <= 57) || (lower >= 97 && lower <= 122);
}

/**
 * Look-alikes for the characters that make mrkdwn formatting (`*bold*`, `_italic_`, `~strike~`, `` `code` ``,
 * `> quote`). Slack has no escape for them: a backslash shows literally and does not stop the formatting, and
 * zero-width characters are not documented to stop it either (and some count as word boundaries, which can
 * start it). A look-alike is certain: Slack gives it no meaning, and the reader still sees the character. The
 * raw value stays in ThreatQ and in the JSON of other channels.
 */
const LOOKALIKES: Record<string, string> = {
  '*': '\u2217', // ∗ ASTERISK OPERATOR
  _: '\u02CD', // ˍ MODIFIER LETTER LOW MACRON
  '~': '\u223C', // ∼ TILDE OPERATOR
  '`': '\u02CB', // ˋ MODIFIER LETTER GRAVE ACCENT
};
/** A `>` that starts a line would quote it, even escaped as `&gt;`. */
const QUOTE_LOOKALIKE = '\u203A'; // › SINGLE RIGHT-POINTING ANGLE QUOTATION MARK

/**
 * Escaping for mrkdwn: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;` (so `<!channel>`, `<@U…>` and `<url|label>`
 * lose their meaning), `@channel` / `@here` / `@everyone` get an invisible joiner, and formatting characters
 * become look-alikes: `*`, `~` and `` ` `` always, `_` unless it sits inside a word (`first_seen`, which Slack
 * never formats), `>` at the start of a line. So an upstream value can neither format the message nor pair up
 * with the `*` of the formatter's own `*Label*`.
 */
export const MRKDWN_ESCAPER = createEscaper('&<>@*_~`', (text, index) => {
  switch (text.charCodeAt(index)) {
    case 38: // &
      return '&amp;';
    case 60: // <
      return '&lt;';
    case 62: // >
      return startsLine(text, index) ? QUOTE_LOOKALIKE : '&gt;';
    case 64: // @
      return isBroadcastAt(text, index) ? `@${JOINER}` : undefined;
    case 95: // _
      return isAlphanumeric(text.charCodeAt(index - 1)) && isAlphanumeric(text.charCodeAt(index + 1))
        ? undefined
        : LOOKALIKES._;
    default:
      return LOOKALIKES[text[index] ?? ''];
  }
});

/**
 * Escaping for `plain_text` (headers), which Slack shows as typed: entities would appear literally there, so an
 * invisible joiner goes after every `<` (no `<!channel>`, `<@U…>` or `<script` survives as such, even if the
 * text is later reused as mrkdwn or HTML) and after `@` in broadcast words.
 */
export const PLAIN_TEXT_ESCAPER = createEscaper('<@', (text, index) => {
  if (text[index] === '<') return `<${JOINER}`;
  return isBroadcastAt(text, index) ? `@${JOINER}` : undefined;
});

/**
 * True when neither escaper has a character of `text` to look at: then its mrkdwn and `plain_text` forms are the
 * same string (defanging and bidi neutralising do not depend on the escaper), and one scan makes both.
 */
export function escapedAlike(text: string): boolean {
  const mrkdwn = MRKDWN_ESCAPER.table;
  const plain = PLAIN_TEXT_ESCAPER.table;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 128 && (mrkdwn[code] === 1 || plain[code] === 1)) return false;
  }
  return true;
}
