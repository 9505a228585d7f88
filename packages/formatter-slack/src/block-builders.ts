/**
 * Builds blocks that are valid on their own, whatever the length of what goes in: a value too long for one
 * block is spread over several, each after the first marked "(continued)". Every block built here carries at
 * most {@link SLACK_LIMITS.sectionText} characters, so any one block fits in an empty message.
 */
import { SLACK_LIMITS } from './slack-limits.js';
import type {
  ActionsBlock,
  ContextBlock,
  MrkdwnTextObject,
  SectionBlock,
  SlackBlock,
} from './slack-message.js';
import { splitText } from './text-chunks.js';

/** Put before every piece of a split value but the first. */
export const CONTINUED = '_(continued)_\n';

const mrkdwn = (text: string): MrkdwnTextObject => ({ type: 'mrkdwn', text });

/**
 * Sections for escaped mrkdwn `body`, with `lead` (e.g. a bold label) before the first piece. One section
 * when it fits, else as many as needed.
 */
export function textSections(body: string, lead = ''): SectionBlock[] {
  const room = SLACK_LIMITS.sectionText - Math.max(lead.length, CONTINUED.length);
  if (body.length <= room) return [{ type: 'section', text: mrkdwn(`${lead}${body}`) }];
  return splitText(body, room).map((piece, i) => ({
    type: 'section',
    text: mrkdwn(`${i === 0 ? lead : CONTINUED}${piece}`),
  }));
}

/**
 * A header for `plain` (text neutralised for `plain_text`), or, when longer than a header may be, bold sections
 * of `escaped` (the same text as mrkdwn) so the whole text still shows.
 */
export function titleBlocks(plain: string, escaped: string): SlackBlock[] {
  const text = plain;
  if (text.length > 0 && text.length <= SLACK_LIMITS.headerText)
    return [{ type: 'header', text: { type: 'plain_text', text } }];
  const bold = `*${escaped}*`;
  return bold.length <= SLACK_LIMITS.sectionText
    ? [{ type: 'section', text: mrkdwn(bold) }]
    : textSections(escaped);
}

/**
 * Two-column field sections for escaped mrkdwn `fields`: at most 10 fields and 3,000 characters per section.
 * A field longer than Slack's 2,000 becomes its own section(s) instead, in place.
 */
export function fieldSections(fields: readonly string[]): SectionBlock[] {
  const out: SectionBlock[] = [];
  let group: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (group.length > 0) out.push({ type: 'section', fields: group.map(mrkdwn) });
    group = [];
    size = 0;
  };
  for (const field of fields) {
    if (field.length > SLACK_LIMITS.fieldText) {
      flush();
      out.push(...textSections(field));
      continue;
    }
    if (group.length === SLACK_LIMITS.fieldsPerSection || size + field.length > SLACK_LIMITS.sectionText)
      flush();
    group.push(field);
    size += field.length;
  }
  flush();
  return out;
}

/**
 * Small grey context lines for escaped mrkdwn `items`. Items share blocks up to 10 elements and 3,000
 * characters; an item too long for context is shown as a section instead.
 */
export function contextBlocks(items: readonly string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current: ContextBlock | undefined;
  let size = 0;
  for (const item of items) {
    if (item.length > SLACK_LIMITS.sectionText) {
      current = undefined;
      out.push(...textSections(item));
      continue;
    }
    if (
      !current ||
      current.elements.length === SLACK_LIMITS.contextElements ||
      size + item.length > SLACK_LIMITS.sectionText
    ) {
      current = { type: 'context', elements: [] };
      size = 0;
      out.push(current);
    }
    current.elements.push(mrkdwn(item));
    size += item.length;
  }
  return out;
}

/**
 * A link button with one of our own short labels, or `undefined` when the URL is too long for a button (the
 * caller links in text instead).
 */
export function linkButton(label: string, url: string): ActionsBlock | undefined {
  if (url.length > SLACK_LIMITS.buttonUrl) return undefined;
  const text = { type: 'plain_text' as const, text: label };
  return { type: 'actions', elements: [{ type: 'button', text, url, action_id: 'open-in-threatq' }] };
}

/** A thin line between alerts of a digest. */
export const DIVIDER: SlackBlock = { type: 'divider' };
