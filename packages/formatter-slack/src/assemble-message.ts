/**
 * Turns packed blocks into the payloads a notifier posts: fallback text on every part, unfurls off, and the
 * markers that tell readers a message goes on in its thread.
 */

import { SLACK_LIMITS } from './slack-limits.js';
import type { SlackBlock, SlackMessage, SlackPayload } from './slack-message.js';
import { splitText } from './text-chunks.js';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Fallback text within 4,000 characters. Only the notification preview is shortened, and it says so; the
 * blocks carry everything.
 */
export function fitFallback(text: string): string {
  if (text.length <= SLACK_LIMITS.fallbackText) return text;
  const note = ' … (full text in the message)';
  return `${splitText(text, SLACK_LIMITS.fallbackText - note.length)[0]}${note}`;
}

function payload(text: string, blocks: SlackBlock[]): SlackPayload {
  return { text: fitFallback(text), blocks, unfurl_links: false, unfurl_media: false };
}

/**
 * Builds the message from each part's blocks. `alertCount` and `parentText` (escaped mrkdwn) describe it;
 * when there is more than one part the parent says "N alerts, continued in thread" and every continuation
 * says which part it is.
 */
export function assembleMessage(parts: SlackBlock[][], alertCount: number, parentText: string): SlackMessage {
  const total = parts.length;
  if (total === 1) return { parts: [payload(parentText, parts[0] ?? [])] };
  const continued = `${plural(alertCount, 'alert')}, continued in thread`;
  return {
    parts: parts.map((blocks, i) => {
      if (i === 0) {
        const marker = `:thread: *${continued}* (${plural(total - 1, 'more message')})`;
        return payload(`${parentText} (${continued})`, [
          ...blocks,
          { type: 'context', elements: [{ type: 'mrkdwn', text: marker }] },
        ]);
      }
      const where = `part ${i + 1} of ${total}`;
      const marker = `_Continued from the message above · ${where}_`;
      return payload(`${plural(alertCount, 'alert')}, continued (${where})`, [
        { type: 'context', elements: [{ type: 'mrkdwn', text: marker }] },
        ...blocks,
      ]);
    }),
  };
}
