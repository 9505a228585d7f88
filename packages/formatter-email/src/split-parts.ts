import { TQAlertError } from '@tqalert/core';
import type { Cell, Section } from './message-model.js';

/** The rows of one section that go into one part. */
export interface PlannedSection {
  section: Section;
  /** The section began in an earlier part. */
  continued: boolean;
  rows: Cell[][];
}

/** Byte sizes the planner adds up. Each must be an upper bound of what the renderer writes. */
export interface SizeModel {
  /** The part's frame (heading, notices, footer). */
  frame: number;
  /** A section's heading and table around its rows. */
  section(section: Section): number;
  row(section: Section, row: readonly Cell[]): number;
}

/**
 * Packs the rows of `sections`, in order, into as few parts as keep each part within `budget` bytes. A part
 * holds whole rows only, and every row lands in exactly one part: nothing is dropped or repeated.
 */
export function planParts(
  sections: readonly Section[],
  budget: number,
  sizes: SizeModel,
): PlannedSection[][] {
  const parts: PlannedSection[][] = [];
  let current: PlannedSection[] = [];
  let used = sizes.frame;
  let rowsInPart = 0;
  for (const section of sections) {
    const overhead = sizes.section(section);
    let planned: PlannedSection | undefined;
    section.rows.forEach((row, index) => {
      const rowBytes = sizes.row(section, row);
      if (rowsInPart > 0 && used + rowBytes + (planned ? 0 : overhead) > budget) {
        parts.push(current);
        current = [];
        used = sizes.frame;
        rowsInPart = 0;
        planned = undefined;
      }
      if (used + rowBytes + (planned ? 0 : overhead) > budget) {
        // Cell values are capped so that any row fits an empty part; reaching this is a bug, never a silent cut.
        throw new TQAlertError(
          'EMAIL_ROW_TOO_LARGE',
          `Email formatter: row ${index + 1} of section "${section.heading}" needs ${rowBytes} bytes, more than an empty part can hold within ${budget} bytes; raise maxHtmlBytes`,
        );
      }
      if (!planned) {
        planned = { section, continued: index > 0, rows: [] };
        current.push(planned);
        used += overhead;
      }
      planned.rows.push(row);
      used += rowBytes;
      rowsInPart += 1;
    });
  }
  parts.push(current);
  return parts;
}
