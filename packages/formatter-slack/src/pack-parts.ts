/**
 * Packs blocks into as few Slack messages as the limits allow: the parent first, then thread continuations.
 * An alert's blocks stay together when they fit in one message; an alert too big for any one message is
 * spread over several, block by block. Nothing is dropped.
 */
import type { SlackBlock } from './slack-message.js';
import { countBlockText } from './validate-payload.js';

/** Room per message. */
export interface PartBudget {
  maxBlocks: number;
  maxChars: number;
}

/** Room kept free in every message for the "continued" marker added afterwards. */
export const MARKER_ROOM = { blocks: 1, chars: 200 } as const;

class Part {
  readonly blocks: SlackBlock[] = [];
  chars = 0;
  /** Whether an alert's blocks have been placed here (a lead alone does not count). */
  hasEntries = false;

  constructor(private readonly budget: PartBudget) {}

  fits(blocks: readonly SlackBlock[]): boolean {
    return (
      this.blocks.length + blocks.length <= this.budget.maxBlocks - MARKER_ROOM.blocks &&
      this.chars + countBlockText(blocks) <= this.budget.maxChars - MARKER_ROOM.chars
    );
  }

  add(blocks: readonly SlackBlock[]): void {
    this.blocks.push(...blocks);
    this.chars += countBlockText(blocks);
  }
}

/**
 * Places `lead` (parent only) and then each entry's blocks. Returns the blocks of each message, parent first.
 * Throws if a single block is larger than an empty message can hold (a builder bug, never the data's fault).
 */
export function packParts(
  lead: readonly SlackBlock[],
  entries: readonly SlackBlock[][],
  budget: PartBudget,
): SlackBlock[][] {
  const parts = [new Part(budget)];
  let current = parts[0] as Part;
  const startNext = (): Part => {
    current = new Part(budget);
    parts.push(current);
    return current;
  };
  current.add(lead);
  for (const entry of entries) {
    if (!current.fits(entry) && current.hasEntries) startNext();
    if (current.fits(entry)) {
      current.add(entry);
    } else {
      for (const block of entry) {
        if (!current.fits([block])) startNext();
        if (!current.fits([block])) {
          throw new RangeError(
            `A ${block.type} block of ${countBlockText([block])} characters cannot fit in any Slack message`,
          );
        }
        current.add([block]);
      }
    }
    current.hasEntries = true;
  }
  return parts.map((part) => part.blocks);
}
