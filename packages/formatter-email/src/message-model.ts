import type { Severity, Tlp } from '@tqalert/core';

/**
 * The channel-neutral shape of one email before it is rendered to HTML and text and split to size. Every string
 * here is raw text (already defanged, not yet escaped); the renderers escape.
 */

/** One table cell. */
export interface Cell {
  text: string;
  /** A safe http(s) link the text points to. */
  href?: string | undefined;
  /** Shown as a coloured severity badge. */
  severity?: Severity | undefined;
}

/**
 * A block of content. `table`: rows of cells under `columns`. `details`: label/value pairs. `paragraphs`: one cell
 * per row, pre-wrapped text. Rows are the unit a message is split at.
 */
export interface Section {
  kind: 'table' | 'details' | 'paragraphs';
  heading: string;
  columns: readonly string[];
  rows: Cell[][];
}

/** Everything one email (possibly split into parts) says. */
export interface EmailDocument {
  /** What kind of notification: `Watchlist change`, `Data collection match`, … */
  kindLabel: string;
  /** The heading, capped for display (the full title is then in a section). */
  title: string;
  severity: Severity | undefined;
  tlp: Tlp | undefined;
  /** Subject before capping and before the part suffix; made header-safe later. */
  subject: string;
  /** The main "Open in ThreatQ" link. */
  link: string | undefined;
  /** Lines shown under the heading in every part. */
  notices: string[];
  sections: Section[];
  /** What all parts together hold, for the split notice: `all 1,000 alerts (numbered 1 to 1,000)`. */
  completeness: string;
  /** Small print at the end of every part. */
  footer: string[];
  /** Extra headers of every part; values are made header-safe when rendered. */
  headers: Record<string, string>;
}

/** What a document builder needs to know about the formatter's settings. */
export interface DocumentContext {
  defang: boolean;
  threatqUrl: string | undefined;
  subjectPrefix: string;
  /** Longest text of one cell; longer values end with a note that says what is not shown. */
  maxCellChars: number;
}
