import { printable } from './display-value.js';
import type { Cell, EmailDocument, Section } from './message-model.js';
import { frameNotices, type PartFrame, partLabel } from './part-frame.js';

/** The plain-text alternative, built from the same pieces as the HTML so both always say the same. */

function cellText(cell: Cell): string {
  const value = printable(cell.text).replace(/\r\n?|\n/g, '\n    ');
  return cell.href ? `${value} <${cell.href}>` : value;
}

/** The part's frame: everything before and after its sections. */
export function textFrame(document: EmailDocument, frame: PartFrame): { open: string; close: string } {
  const marks = [
    document.kindLabel,
    document.severity?.toUpperCase(),
    document.tlp ? `TLP:${document.tlp}` : undefined,
  ].filter(Boolean);
  const title = printable(document.title);
  const notices = frameNotices(document, frame).map((notice) => `${printable(notice)}\n`);
  const open = `${marks.join(' · ')}\n${title}\n${'='.repeat(Math.min(Array.from(title).length, 72))}\n${notices.length ? `\n${notices.join('')}` : ''}`;
  const label = partLabel(frame);
  const close = `${document.link ? `\nOpen in ThreatQ: ${document.link}\n` : ''}\n-- \nSent by TQ Alert${label ? ` · ${label}` : ''}.${document.footer.map((line) => ` ${printable(line)}`).join('')}\n`;
  return { open, close };
}

/** A section's heading. */
export function textSection(section: Section, continued: boolean): { open: string; close: string } {
  const heading = `${printable(section.heading)}${continued ? ' (continued)' : ''}`;
  return { open: `\n${heading}\n${'-'.repeat(Array.from(heading).length)}\n`, close: '' };
}

/** One row of a section. */
export function textRow(section: Section, row: readonly Cell[]): string {
  if (section.kind === 'paragraphs') return `${row.map((cell) => printable(cell.text)).join('')}\n\n`;
  if (section.kind === 'details')
    return `${printable(row[0]?.text ?? '')}: ${row[1] ? cellText(row[1]) : ''}\n`;
  return `- ${row.map((cell, i) => `${printable(section.columns[i] ?? '')}: ${cellText(cell)}`).join(' | ')}\n`;
}
