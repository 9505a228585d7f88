/**
 * Makes upstream text safe to show in Slack: nothing it contains can format the message, link somewhere
 * else, or ping people. Every value that comes from ThreatQ or a feed goes through one of these (or through
 * the view, which escapes and defangs in one pass with the same escapers).
 */
import { prepareSafeText, safeText } from '@tqalert/core';
import { MRKDWN_ESCAPER, PLAIN_TEXT_ESCAPER } from './slack-escapers.js';

const ESCAPE_ONLY = prepareSafeText({ defang: false, escaper: MRKDWN_ESCAPER });
const PLAIN_ONLY = prepareSafeText({ defang: false, escaper: PLAIN_TEXT_ESCAPER });

/**
 * Escapes text for a mrkdwn field: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;` (so `<!channel>`, `<@U…>` and
 * `<url|label>` lose their meaning), `@channel` / `@here` / `@everyone` get an invisible joiner, mrkdwn
 * formatting characters become look-alikes (see {@link MRKDWN_ESCAPER}) and bidi controls become `�`.
 */
export function escapeMrkdwn(value: string): string {
  return safeText(value, ESCAPE_ONLY);
}

/**
 * Neutralises text for a `plain_text` object (headers), which Slack shows as typed: an invisible joiner after
 * every `<` and after `@` in broadcast words; bidi controls become `�`.
 */
export function neutralisePlainText(value: string): string {
  return safeText(value, PLAIN_ONLY);
}

/**
 * A mrkdwn link `<url|label>`. The label is escaped text; the URL keeps its characters except those that would
 * end the link early (`|`, `>`) or start an entity.
 */
export function mrkdwnLink(url: string, escapedLabel: string): string {
  const safeUrl = url
    .replaceAll('&', '&amp;')
    .replaceAll('<', '%3C')
    .replaceAll('>', '%3E')
    .replaceAll('|', '%7C');
  return `<${safeUrl}|${escapedLabel}>`;
}
