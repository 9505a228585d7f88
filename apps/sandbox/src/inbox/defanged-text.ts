// Defanged indicators (`hxxp://evil[.]example`, `198.51.100[.]7`) look the same in every panel of the inbox: one
// `span.defanged` style for Slack text here, and the page script applies the same class to the email frames'
// text nodes with the same pattern. Display only: the text is never changed, never re-fanged and never defanged
// again (that is the formatters' job), and a defanged token is never made a link.
import { emojiHtml } from './emoji.js';
import { escapeHtml } from './escape-html.js';

/**
 * One defanged token: a run of non-space characters with `[.]` in it or a defanged scheme (`hxxp://`,
 * `hxxps://`, `fxp://`), without the sentence's punctuation after it. The page script builds its own RegExp from this source, so both panels agree.
 */
/** The one look of a defanged token, in the page and in every email frame. */
export const DEFANGED_CSS =
  '.defanged { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; background: #fff4e5; ' +
  'color: #8a3c00; border-radius: 3px; padding: 0 2px; overflow-wrap: anywhere; }';

export const DEFANGED_SOURCE = String.raw`[^\s<>"'()]*(?:\[\.\]|\b(?:hxxps?|fxp):\/\/)(?:[^\s<>"'()]*[^\s<>"'(),.;:!?])?`;

/**
 * Plain (unescaped) text to escaped HTML: defanged tokens in a `span.defanged`, emoji shortcodes marked up by
 * {@link emojiHtml}, everything else escaped.
 */
export function inlineTextHtml(plain: string): string {
  let out = '';
  let last = 0;
  for (const match of plain.matchAll(new RegExp(DEFANGED_SOURCE, 'gi'))) {
    const index = match.index ?? 0;
    out += emojiHtml(plain.slice(last, index));
    out += `<span class="defanged">${escapeHtml(match[0])}</span>`;
    last = index + match[0].length;
  }
  return out + emojiHtml(plain.slice(last));
}
