/**
 * Packs blocks into as few Slack messages as the limits allow: the parent first, then thread continuations.
 * An alert's blocks stay together when they fit in one message; an alert too big for any one message is
 * spread over several, block by block. Nothing is dropped.
 */

import { blockTextSize } from './block-text-size.js';
import type { SlackBlock } from './slack-message.js';

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

  /** Whether `count` more blocks with `chars` characters of text fit. */
  fits(count: number, chars: number): boolean {
    return (
      this.blocks.length + count <= this.budget.maxBlocks - MARKER_ROOM.blocks &&
      this.chars + chars <= this.budget.maxChars - MARKER_ROOM.chars
    );
  }

  add(blocks: readonly SlackBlock[], chars: number): void {
    this.blocks.push(...blocks);
    this.chars += chars;
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
  current.add(lead, blockTextSize(lead));
  for (const entry of entries) {
    // Measured once per entry (and once per block when an entry must be spread), not at every check.
    const chars = blockTextSize(entry);
    if (!current.fits(entry.length, chars) && current.hasEntries) startNext();
    if (current.fits(entry.length, chars)) {
      current.add(entry, chars);
    } else {
      for (const block of entry) {
        const blockChars = blockTextSize([block]);
        if (!current.fits(1, blockChars)) startNext();
        if (!current.fits(1, blockChars)) {
          throw new RangeError(
            `A ${block.type} block of ${blockChars} characters cannot fit in any Slack message`,
          );
        }
        current.add([block], blockChars);
      }
    }
    current.hasEntries = true;
  }
  return parts.map((part) => part.blocks);
}
