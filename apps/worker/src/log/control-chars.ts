// Escape sequences a terminal acts on: CSI (`ESC [ … final`, and the one-byte C1 form U+009B), OSC
// (`ESC ] … BEL|ST`: window titles, hyperlinks, clipboard writes), DCS/SOS/PM/APC strings, and two-byte
// `ESC x` sequences. Removed whole, so no parameter bytes are left behind as noise.
const ESCAPES = new RegExp(
  [
    '(?:\\u001b\\[|\\u009b)[0-?]*[ -/]*[@-~]',
    '(?:\\u001b\\]|\\u009d)[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?',
    '(?:\\u001b[PX^_]|[\\u0090\\u0098\\u009e\\u009f])[^\\u001b\\u009c]*(?:\\u001b\\\\|\\u009c)?',
    '\\u001b[ -~]?',
  ].join('|'),
  'g',
);
// C0 except tab and line feed, DEL, and C1. A carriage return goes too: it lets text overwrite a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidi embeddings, overrides and isolates, and the marks: U+202E then `moc.elgoog` would read as `google.com`.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes text safe to show a person in a terminal: removes ANSI/OSC escape sequences, C0 and C1 control
 * characters and bidi controls. Line feeds stay when `multiline` is true (a preview, an email body); otherwise
 * each becomes a space, so upstream text cannot forge a second log line.
 */
export function stripControlChars(text: string, options: { multiline?: boolean } = {}): string {
  const out = text.replace(ESCAPES, '').replace(BIDI, '');
  return (options.multiline ? out : out.replace(/\r?\n/g, ' ')).replace(CONTROLS, '');
}
