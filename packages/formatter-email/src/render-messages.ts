import type { EmailMessage } from './email-message.js';
import { capHeaderText, headerSafe } from './header-text.js';
import type { EmailDocument, Section } from './message-model.js';
import type { PartFrame } from './part-frame.js';
import { htmlFrame, htmlRow, htmlSection } from './render-html.js';
import { textFrame, textRow, textSection } from './render-text.js';
import { type PlannedSection, planParts } from './split-parts.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Renders a document into one or more complete emails: each part has the heading, its share of the rows, the
 * "Open in ThreatQ" link and a note saying which part it is, and its HTML stays within `maxHtmlBytes`.
 */
export function renderMessages(
  document: EmailDocument,
  limits: { maxHtmlBytes: number; maxSubjectLength: number },
): EmailMessage[] {
  const totalRows = document.sections.reduce((sum, section) => sum + section.rows.length, 0);
  // Measure with the longest frame any part can get: the most digits a part number can have, every notice on.
  const worst: PartFrame = {
    index: Math.max(1, totalRows),
    count: Math.max(1, totalRows),
    subjectShortened: true,
    maxHtmlBytes: limits.maxHtmlBytes,
  };
  const frame = htmlFrame(document, worst);
  const sectionBytes = (section: Section): number => {
    const wrap = htmlSection(section, true);
    return bytes(wrap.open) + bytes(wrap.close);
  };
  const plan = planParts(document.sections, limits.maxHtmlBytes, {
    frame: bytes(frame.open) + bytes(frame.close),
    section: sectionBytes,
    row: (section, row) => bytes(htmlRow(section, row)),
  });

  const count = plan.length;
  const subjects = plan.map((_, i) => {
    const suffix = count > 1 ? ` (part ${i + 1} of ${count})` : '';
    const capped = capHeaderText(document.subject, limits.maxSubjectLength - suffix.length);
    return { text: `${capped.text}${suffix}`, shortened: capped.shortened };
  });
  const subjectShortened = subjects.some((subject) => subject.shortened);

  return plan.map((part, i) => {
    const partFrame: PartFrame = { index: i + 1, count, subjectShortened, maxHtmlBytes: limits.maxHtmlBytes };
    const headers: Record<string, string> = { 'X-TQAlert-Part': `${i + 1}/${count}` };
    for (const [name, value] of Object.entries(document.headers)) headers[name] = headerSafe(value);
    return {
      subject: subjects[i]?.text ?? '',
      html: assemble(htmlFrame(document, partFrame), part, htmlSection, htmlRow),
      text: assemble(textFrame(document, partFrame), part, textSection, textRow),
      headers,
    };
  });
}

function assemble(
  frame: { open: string; close: string },
  part: readonly PlannedSection[],
  sectionOf: (section: Section, continued: boolean) => { open: string; close: string },
  rowOf: (section: Section, row: PlannedSection['rows'][number]) => string,
): string {
  let out = frame.open;
  for (const planned of part) {
    const wrap = sectionOf(planned.section, planned.continued);
    out += wrap.open + planned.rows.map((row) => rowOf(planned.section, row)).join('') + wrap.close;
  }
  return out + frame.close;
}
