/**
 * Splits text that is too long for one Slack text object into pieces that each fit, at a line break or a space
 * where there is one, and never inside an HTML entity (`&amp;`) or a UTF-16 surrogate pair, so no piece shows
 * a broken character. Nothing is dropped but the one line break or space each cut is made at.
 */

/** The longest entity escapeMrkdwn produces (`&amp;`). */
const LONGEST_ENTITY = 5;

/** Where to end the next piece, and whether the character there is a separator to drop. */
function nextCut(text: string, max: number): { end: number; skip: number } {
  for (const separator of ['\n', ' ']) {
    const at = text.lastIndexOf(separator, max);
    if (at >= max / 2) return { end: at, skip: 1 };
  }
  let end = max;
  const amp = text.lastIndexOf('&', end - 1);
  if (amp >= 0 && end - amp < LONGEST_ENTITY && !text.slice(amp, end).includes(';')) end = amp;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return { end, skip: 0 };
}

/** Splits `text` into pieces of at most `max` characters (a text that fits comes back as one piece). */
export function splitText(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max <= LONGEST_ENTITY) {
    throw new RangeError(`splitText: max must be a whole number above ${LONGEST_ENTITY}, got ${max}`);
  }
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const { end, skip } = nextCut(rest, max);
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end + skip);
  }
  pieces.push(rest);
  // A cut right before a trailing separator leaves an empty last piece; Slack refuses empty text objects.
  return pieces.length > 1 ? pieces.filter((piece) => piece !== '') : pieces;
}
