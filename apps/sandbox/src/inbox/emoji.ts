// Slack shows `:shortcode:` emoji as pictures. The inbox knows the few that TQ Alert's formatters and typical
// alert text use, as Unicode; any other shortcode is left as written, so nothing is guessed.

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

/** Replaces known `:shortcode:` emoji with their Unicode characters. Works on plain (unescaped) text. */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}
