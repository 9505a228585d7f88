/**
 * Text for Adaptive Card `TextBlock`s. Teams renders a Markdown subset there and turns anything that looks like a
 * link into one, so values from threat data are escaped and defanged in one pass (core's text-safety scanner, the
 * style Slack and email use): an analyst must never click a live IOC, and bidi controls become `�`.
 */
import { createEscaper, prepareSafeText, safeText as scanText } from '@tqalert/core';

/**
 * Escapes the Markdown characters that change meaning inline (emphasis, code, links) with a backslash, and shows
 * angle brackets as `‹ ›`: Teams acts on some tags in card text (`<at>` mentions), and entities are not decoded
 * everywhere. Other punctuation is left alone: escaping it would show stray backslashes in clients that render
 * less Markdown.
 */
const TEAMS_ESCAPER = createEscaper('\\`*_~[]<>', (text, index) => {
  const char = text[index] ?? '';
  if (char === '<') return '‹';
  if (char === '>') return '›';
  return `\\${char}`;
});

const ESCAPE_ONLY = prepareSafeText({ defang: false, escaper: TEAMS_ESCAPER });
const FREE_TEXT = prepareSafeText({ escaper: TEAMS_ESCAPER });
const WHOLE_INDICATOR = prepareSafeText({ whole: true, escaper: TEAMS_ESCAPER });

/** Markdown escaped and bidi controls neutralised, nothing defanged: for our own labels and type names. */
export function escapeMarkdown(text: string): string {
  return scanText(text, ESCAPE_ONLY);
}

/** Threat data that is one indicator value, made safe to show: escaped, and defanged whole (`[.]` alone is no link). */
export function safeIndicator(value: string): string {
  return scanText(value, WHOLE_INDICATOR);
}

/**
 * Free text (a title, a summary, a tag, a field) made safe: escaped, every indicator-shaped token in it defanged
 * (`hxxp://evil[.]example`, `evil[.]com`, `1[.]2[.]3[.]4`, `a[@]b[.]example`), the rest left readable.
 */
export function safeText(text: string): string {
  return scanText(text, FREE_TEXT);
}
