/**
 * The characters of block text (Slack's `msg_blocks_too_long` budget) of blocks this formatter built, read from
 * their known shape: the same number {@link countBlockText} finds by walking any object, without the walk.
 */
import type { SlackBlock } from './slack-message.js';

function blockChars(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section': {
      let chars = block.text ? block.text.text.length : 0;
      if (block.fields) for (const field of block.fields) chars += field.text.length;
      return chars;
    }
    case 'context': {
      let chars = 0;
      for (const element of block.elements) chars += element.text.length;
      return chars;
    }
    case 'actions': {
      let chars = 0;
      for (const element of block.elements) chars += element.text.text.length;
      return chars;
    }
    default:
      return 0;
  }
}

/** Characters of block text in `blocks`. */
export function blockTextSize(blocks: readonly SlackBlock[]): number {
  let chars = 0;
  for (const block of blocks) chars += blockChars(block);
  return chars;
}
