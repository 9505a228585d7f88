/**
 * A pure check of one payload against Slack's limits. It lists every violation (unlike Slack, which names the
 * first), so a test or a preview can show all that is wrong at once. An empty list means Slack will accept it.
 */
import { SLACK_LIMITS } from './slack-limits.js';

/** One limit a payload breaks. */
export interface SlackLimitViolation {
  /** Where, as `blocks[3].fields[2].text`. */
  path: string;
  /** Which rule: `blocks.count`, `section.text`, `field.text`, `header.text`, `message.block-text`, … */
  rule: string;
  /** The allowed maximum (or minimum, for `*.empty` rules). */
  limit: number;
  /** What the payload has. */
  actual: number;
  message: string;
}

type Loose = Record<string, unknown>;

function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

/** Characters of text carried by blocks (every text object's `text`, at any depth). */
export function countBlockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + countBlockText(item), 0);
  const object = asObject(value);
  if (!object) return 0;
  const own =
    (object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string'
      ? object.text.length
      : 0;
  return Object.values(object).reduce<number>(
    (sum, child) => sum + (typeof child === 'object' ? countBlockText(child) : 0),
    own,
  );
}

class ViolationList {
  readonly items: SlackLimitViolation[] = [];

  add(path: string, rule: string, limit: number, actual: number, message: string): void {
    this.items.push({ path, rule, limit, actual, message: `${path}: ${message}` });
  }

  /** A text object of `kind` with 1..max characters. */
  text(
    value: unknown,
    path: string,
    rule: string,
    max: number,
    kinds: readonly string[] = ['mrkdwn', 'plain_text'],
  ): void {
    const object = asObject(value);
    if (!object || typeof object.text !== 'string' || !kinds.includes(String(object.type))) {
      this.add(path, `${rule}.type`, 0, 0, `must be a ${kinds.join(' or ')} text object`);
      return;
    }
    if (object.text.length === 0) this.add(`${path}.text`, `${rule}.empty`, 1, 0, 'must not be empty');
    if (object.text.length > max) {
      this.add(
        `${path}.text`,
        rule,
        max,
        object.text.length,
        `${object.text.length} characters, over Slack's ${max}`,
      );
    }
  }

  count(items: unknown, path: string, rule: string, max: number): unknown[] {
    if (!Array.isArray(items) || items.length === 0) {
      this.add(path, `${rule}.empty`, 1, 0, 'must be a non-empty list');
      return [];
    }
    if (items.length > max)
      this.add(path, rule, max, items.length, `${items.length} items, over Slack's ${max}`);
    return items;
  }
}

function checkBlock(list: ViolationList, block: Loose, at: string): void {
  switch (block.type) {
    case 'header':
      list.text(block.text, `${at}.text`, 'header.text', SLACK_LIMITS.headerText, ['plain_text']);
      break;
    case 'section':
      if (block.text === undefined && block.fields === undefined)
        list.add(at, 'section.empty', 1, 0, 'needs text or fields');
      if (block.text !== undefined)
        list.text(block.text, `${at}.text`, 'section.text', SLACK_LIMITS.sectionText);
      if (block.fields !== undefined) {
        const fields = list.count(
          block.fields,
          `${at}.fields`,
          'section.fields',
          SLACK_LIMITS.fieldsPerSection,
        );
        fields.forEach((field, i) => {
          list.text(field, `${at}.fields[${i}]`, 'field.text', SLACK_LIMITS.fieldText);
        });
      }
      break;
    case 'context':
      list
        .count(block.elements, `${at}.elements`, 'context.elements', SLACK_LIMITS.contextElements)
        .forEach((element, i) => {
          list.text(element, `${at}.elements[${i}]`, 'context.text', SLACK_LIMITS.sectionText);
        });
      break;
    case 'actions':
      list
        .count(block.elements, `${at}.elements`, 'actions.elements', SLACK_LIMITS.actionsElements)
        .forEach((element, i) => {
          const button = asObject(element) ?? {};
          list.text(button.text, `${at}.elements[${i}].text`, 'button.text', SLACK_LIMITS.buttonText, [
            'plain_text',
          ]);
          const url = typeof button.url === 'string' ? button.url : '';
          if (url.length > SLACK_LIMITS.buttonUrl) {
            list.add(
              `${at}.elements[${i}].url`,
              'button.url',
              SLACK_LIMITS.buttonUrl,
              url.length,
              `URL over ${SLACK_LIMITS.buttonUrl} characters`,
            );
          }
        });
      break;
    case 'divider':
      break;
    default:
      list.add(`${at}.type`, 'block.type', 0, 0, `unknown block type ${JSON.stringify(block.type)}`);
  }
}

/**
 * Lists every Slack limit `payload` breaks: fallback text (present, ≤ 4,000), unfurls off, ≤ 50 blocks, header
 * ≤ 150 (plain text), section text ≤ 3,000, ≤ 10 fields of ≤ 2,000, context ≤ 10 elements, buttons, and about
 * 12,000 characters of block text in all. Never throws, whatever it is given.
 */
export function validateSlackPayload(payload: unknown): SlackLimitViolation[] {
  const list = new ViolationList();
  const message = asObject(payload);
  if (!message) {
    list.add('(payload)', 'payload.type', 0, 0, 'must be an object with text and blocks');
    return list.items;
  }
  const text = typeof message.text === 'string' ? message.text : '';
  if (text.trim() === '')
    list.add('text', 'text.empty', 1, 0, 'fallback text is required for notifications and screen readers');
  if (text.length > SLACK_LIMITS.fallbackText) {
    list.add(
      'text',
      'text.length',
      SLACK_LIMITS.fallbackText,
      text.length,
      `${text.length} characters, over ${SLACK_LIMITS.fallbackText}`,
    );
  }
  for (const flag of ['unfurl_links', 'unfurl_media'] as const) {
    if (message[flag] !== false)
      list.add(flag, 'unfurl', 0, 1, 'must be false so Slack never fetches indicator URLs');
  }
  const blocks = list.count(message.blocks, 'blocks', 'blocks.count', SLACK_LIMITS.blocksPerMessage);
  blocks.forEach((block, i) => {
    const object = asObject(block);
    if (object) checkBlock(list, object, `blocks[${i}]`);
    else list.add(`blocks[${i}]`, 'block.type', 0, 0, 'must be a block object');
  });
  const total = countBlockText(blocks);
  if (total > SLACK_LIMITS.blockTextPerMessage) {
    list.add(
      'blocks',
      'message.block-text',
      SLACK_LIMITS.blockTextPerMessage,
      total,
      `${total} characters of block text, over about ${SLACK_LIMITS.blockTextPerMessage} (msg_blocks_too_long)`,
    );
  }
  return list.items;
}
