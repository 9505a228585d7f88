/**
 * Makes upstream text safe to show in Slack: nothing it contains can format the message, link somewhere
 * else, or ping people. Every value that comes from ThreatQ or a feed goes through one of these.
 */

/** U+2060 WORD JOINER: invisible, but it breaks Slack's recognition of `@channel` and `<!…>`. */
const JOINER = '\u2060';
const BROADCAST = /@(channel|here|everyone)\b/gi;

/**
 * Escapes text for a mrkdwn field: `&` → `&amp;`, `<` → `&lt;`, `>` → `&gt;` (so `<!channel>`, `<@U…>` and
 * `<url|label>` lose their meaning), and `@channel` / `@here` / `@everyone` get an invisible joiner.
 */
export function escapeMrkdwn(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(BROADCAST, `@${JOINER}$1`);
}

/**
 * Neutralises text for a `plain_text` object (headers), which Slack shows as typed: entities would appear
 * literally there, so instead an invisible joiner goes after every `<` (no `<!channel>`, `<@U…>` or `<script`
 * survives as such, even if the text is later reused as mrkdwn or HTML) and after `@` in broadcast words.
 */
export function neutralisePlainText(value: string): string {
  return value.replaceAll('<', `<${JOINER}`).replace(BROADCAST, `@${JOINER}$1`);
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

/** True for an absolute http(s) URL: the only kind worth linking (never `javascript:` or `file:`). */
export function isWebUrl(value: string | undefined): value is string {
  if (value === undefined) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
