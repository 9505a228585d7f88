import type { Severity, Tlp } from '@tqalert/core';
import { printable } from './display-value.js';
import { escapeHtml } from './html-escape.js';
import type { Cell, EmailDocument, Section } from './message-model.js';
import { frameNotices, type PartFrame, partLabel } from './part-frame.js';

/**
 * HTML for mail clients: nested tables for layout, inline `style` attributes only (Outlook and Gmail drop or
 * rewrite `<style>` blocks), no scripts, no images, no external resources. Every piece is a plain string so the
 * splitter can add up exact byte sizes: a part is `frame.open + sections + frame.close`.
 */

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
// Kept short on purpose: it repeats in every cell, and a digest row's bytes decide how many emails it takes.
const CELL = 'padding:4px 6px;border:1px solid #d0d7de;';
const HEAD_CELL = `${CELL}text-align:left;background-color:#f6f8fa;`;
const H2 = 'margin:20px 0 8px;font-size:16px;line-height:1.3;color:#1f2328;';
const DATA_TABLE =
  'width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:0 0 12px;font-size:13px;"';

const SEVERITY_COLOURS: Record<Severity, string> = {
  info: '#57606a',
  low: '#1a7f37',
  medium: '#9a6700',
  high: '#bc4c00',
  critical: '#cf222e',
};

// FIRST TLP 2.0 colours, on black as the standard asks.
const TLP_COLOURS: Record<Tlp, string> = {
  CLEAR: '#ffffff',
  WHITE: '#ffffff',
  GREEN: '#33ff00',
  AMBER: '#ffc000',
  'AMBER+STRICT': '#ffc000',
  RED: '#ff2b2b',
};

function text(value: string): string {
  return escapeHtml(printable(value));
}

function badge(label: string, background: string, colour: string): string {
  return `<span style="display:inline-block;padding:1px 7px;margin-right:6px;border-radius:10px;background-color:${background};color:${colour};font-size:12px;font-weight:bold;white-space:nowrap;">${text(label)}</span>`;
}

function cellHtml(cell: Cell): string {
  if (cell.severity) return badge(cell.text, SEVERITY_COLOURS[cell.severity], '#ffffff');
  const body = text(cell.text).replace(/\r\n?|\n/g, '<br>');
  return cell.href ? `<a href="${escapeHtml(cell.href)}" style="color:#0969da;">${body}</a>` : body;
}

/** The part's frame: everything before and after its sections. */
export function htmlFrame(document: EmailDocument, frame: PartFrame): { open: string; close: string } {
  const badges = [
    document.severity
      ? badge(document.severity.toUpperCase(), SEVERITY_COLOURS[document.severity], '#ffffff')
      : '',
    document.tlp ? badge(`TLP:${document.tlp}`, '#000000', TLP_COLOURS[document.tlp]) : '',
  ].join('');
  const notices = frameNotices(document, frame)
    .map(
      (notice) =>
        `<p style="margin:0 0 12px;padding:8px 12px;background-color:#fff8c5;border:1px solid #d4a72c;font-size:13px;">${text(notice)}</p>`,
    )
    .join('');
  const open =
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<title>${text(document.title)}</title></head>` +
    '<body style="margin:0;padding:0;background-color:#f6f8fa;">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f6f8fa;"><tr><td align="center" style="padding:16px;">' +
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:820px;background-color:#ffffff;border:1px solid #d0d7de;">' +
    `<tr><td style="padding:20px;${FONT}font-size:14px;line-height:1.45;color:#1f2328;">` +
    `<p style="margin:0 0 8px;font-size:12px;color:#57606a;text-transform:uppercase;letter-spacing:0.5px;">${text(document.kindLabel)}</p>` +
    (badges ? `<p style="margin:0 0 8px;">${badges}</p>` : '') +
    `<h1 style="margin:0 0 12px;font-size:20px;line-height:1.3;color:#1f2328;">${text(document.title)}</h1>` +
    notices;
  const button = document.link
    ? `<p style="margin:20px 0 0;"><a href="${escapeHtml(document.link)}" style="display:inline-block;padding:9px 16px;background-color:#0969da;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">Open in ThreatQ</a></p>`
    : '';
  const label = partLabel(frame);
  const small = [`Sent by TQ Alert${label ? ` · ${label}` : ''}.`, ...document.footer].map(text).join(' ');
  const close =
    button +
    `<p style="margin:20px 0 0;font-size:12px;color:#57606a;">${small}</p>` +
    '</td></tr></table></td></tr></table></body></html>';
  return { open, close };
}

/** A section's heading and table (or block) around its rows. */
export function htmlSection(section: Section, continued: boolean): { open: string; close: string } {
  const heading = `<h2 style="${H2}">${text(section.heading)}${continued ? ' (continued)' : ''}</h2>`;
  if (section.kind === 'paragraphs')
    return { open: `${heading}<div style="margin:0 0 12px;">`, close: '</div>' };
  const columns =
    section.kind === 'table'
      ? `<tr>${section.columns.map((column) => `<th style="${HEAD_CELL}">${text(column)}</th>`).join('')}</tr>`
      : '';
  return { open: `${heading}<table ${DATA_TABLE}>${columns}`, close: '</table>' };
}

/** One row of a section. */
export function htmlRow(section: Section, row: readonly Cell[]): string {
  if (section.kind === 'paragraphs') {
    return `<p style="margin:0 0 8px;white-space:pre-wrap;">${row.map((cell) => text(cell.text)).join('')}</p>`;
  }
  if (section.kind === 'details') {
    const [label, value] = row;
    return `<tr valign="top"><th style="${HEAD_CELL}width:30%;">${text(label?.text ?? '')}</th><td style="${CELL}">${value ? cellHtml(value) : ''}</td></tr>`;
  }
  return `<tr valign="top">${row.map((cell) => `<td style="${CELL}">${cellHtml(cell)}</td>`).join('')}</tr>`;
}
