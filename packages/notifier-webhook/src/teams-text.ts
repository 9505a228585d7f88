/**
 * Text for Adaptive Card `TextBlock`s. Teams renders a Markdown subset there and turns anything that looks like a
 * link into one, so values from threat data are escaped and defanged: an analyst must never click a live IOC.
 */
const MARKDOWN = /[\\`*_~[\]]/g;

/**
 * Escapes the Markdown characters that change meaning inline (emphasis, code, links), and shows angle brackets as
 * `‹ ›`: Teams acts on some tags in card text (`<at>` mentions), and entities are not decoded everywhere. Other
 * punctuation is left alone: escaping it would show stray backslashes in clients that render less Markdown.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(/</g, '‹')
    .replace(/>/g, '›');
}

/** `http://evil.example/x` → `hxxp://evil[.]example/x`; `1.2.3.4` → `1[.]2[.]3[.]4`; `a@b.example` → `a[@]b[.]example`. */
export function defang(value: string): string {
  return value
    .replace(/\bhttp(s?):\/\//gi, (_m, s: string) => `hxxp${s}://`)
    .replace(/\./g, '[.]')
    .replace(/@/g, '[@]');
}

/** Threat data (an indicator value) made safe to show: escaped, then defanged (`[.]` alone is no link). */
export function safeIndicator(value: string): string {
  return defang(escapeMarkdown(value));
}

/** Free text (a title, a summary) made safe: escaped, and any URL in it defanged, the rest left readable. */
export function safeText(text: string): string {
  return escapeMarkdown(text).replace(/\bhttps?:\/\/\S+/gi, defang);
}
