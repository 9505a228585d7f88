// Every piece of text that reaches the inbox page goes through here: messages come from programs under test
// and may carry anything, so nothing from them is ever written as markup.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Slack's own escaping: senders write `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;` in mrkdwn text. */
export function decodeSlackEntities(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_match, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}

/** The URL, normalised, when it is an absolute http(s) URL; undefined for anything else (javascript:, data:, …). */
export function safeHttpUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
}

/** An anchor that opens in a new tab and tells the target nothing about the inbox. */
export function externalLink(href: string, labelHtml: string, className?: string): string {
  const cls = className ? ` class="${escapeHtml(className)}"` : '';
  return `<a${cls} href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer nofollow">${labelHtml}</a>`;
}
