/** The text a reader sees in a Slack message, for previews, logs and assertions. */
import type { SlackBlock, SlackMessage, SlackPayload } from './slack-message.js';

/**
 * Every piece of text in `value`, in order, one per line: the fallback `text` of each part and the text of
 * every text object in its blocks (headers, sections, fields, context, buttons).
 */
export function visibleText(
  value: SlackMessage | SlackPayload | readonly SlackBlock[] | SlackBlock | undefined,
): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'text' && typeof child === 'string') out.push(child);
      else walk(child);
    }
  };
  walk(value);
  return out.join('\n');
}
