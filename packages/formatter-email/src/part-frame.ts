import type { EmailDocument } from './message-model.js';

/** Where one part sits among the parts of a split message, and what its frame must say. */
export interface PartFrame {
  /** 1-based. */
  index: number;
  count: number;
  /** The subject line of some part was shortened: the body says so. */
  subjectShortened: boolean;
  maxHtmlBytes: number;
}

/** `Part 2 of 3`, or nothing for a message that was not split. */
export function partLabel(frame: PartFrame): string | undefined {
  return frame.count > 1 ? `Part ${frame.index} of ${frame.count}` : undefined;
}

/** The notices under the heading: why the message was split, why the subject is short, the document's own. */
export function frameNotices(document: EmailDocument, frame: PartFrame): string[] {
  const notices: string[] = [];
  const label = partLabel(frame);
  if (label) {
    const kb = Math.floor(frame.maxHtmlBytes / 1000);
    notices.push(
      `${label}. This notification was split into ${frame.count} emails so that each stays under ${kb} KB, where mail clients start to clip; together they hold ${document.completeness}.`,
    );
  }
  if (frame.subjectShortened)
    notices.push('The subject line was shortened to fit; the full title is in this email.');
  return [...notices, ...document.notices];
}
