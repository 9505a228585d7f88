import { escapeHtml } from './escape-html.js';

// Slack shows `:shortcode:` emoji as pictures. The inbox knows the few that TQ Alert's formatters and typical
// alert text use, as Unicode; any other shortcode is shown as written (styled as a chip), so nothing is guessed.

const EMOJI: Record<string, string> = {
  red_circle: '🔴',
  large_orange_circle: '🟠',
  large_yellow_circle: '🟡',
  large_green_circle: '🟢',
  large_blue_circle: '🔵',
  large_purple_circle: '🟣',
  white_circle: '⚪',
  black_circle: '⚫',
  warning: '⚠️',
  rotating_light: '🚨',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  x: '❌',
  no_entry: '⛔',
  information_source: 'ℹ️',
  link: '🔗',
  mag: '🔍',
  lock: '🔒',
  bell: '🔔',
  eyes: '👀',
  fire: '🔥',
  email: '📧',
  envelope: '✉️',
  memo: '📝',
  thread: '🧵',
  arrow_up: '⬆️',
  arrow_down: '⬇️',
  arrow_right: '➡️',
  chart_with_upwards_trend: '📈',
  chart_with_downwards_trend: '📉',
  shield: '🛡️',
  skull: '💀',
  bug: '🐛',
  new: '🆕',
};

// A shortcode needs a non-alphanumeric character (or the edge) on both sides and a letter in its name, so clock
// times (`10:30:00`) and `a:b:c` stay plain text.
const SHORTCODE = /(?<![\p{L}\p{N}]):([a-z0-9_+-]*[a-z][a-z0-9_+-]*):(?![\p{L}\p{N}])/gu;

/** A glyph the page can swap for its `:shortcode:` (see {@link emojiHtml}). Both arguments are plain text. */
export function emojiSpan(glyph: string, shortcode: string): string {
  const code = escapeHtml(shortcode);
  return `<span class="emoji" data-sc="${code}" title="${code}">${escapeHtml(glyph)}</span>`;
}

/**
 * Plain (unescaped) text to escaped HTML with every `:shortcode:` marked up. A known one is its Unicode glyph in a
 * `span.emoji` that carries the shortcode (`data-sc`, `title`): the page swaps the glyph for that text when the
 * system has no colour emoji font (an empty box tells nobody anything). An unknown one is the literal shortcode
 * in a `span.emoji-sc` chip, so nothing is guessed.
 */
export function emojiHtml(plain: string): string {
  let out = '';
  let last = 0;
  for (const match of plain.matchAll(SHORTCODE)) {
    const index = match.index ?? 0;
    const [whole, name = ''] = match;
    const glyph = EMOJI[name];
    out += escapeHtml(plain.slice(last, index));
    out +=
      glyph === undefined ? `<span class="emoji-sc">${escapeHtml(whole)}</span>` : emojiSpan(glyph, whole);
    last = index + whole.length;
  }
  return out + escapeHtml(plain.slice(last));
}
