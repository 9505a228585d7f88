/**
 * How one output format escapes text (Slack mrkdwn, Slack plain text, Teams Markdown, HTML, …), in a shape the
 * text-safety scanner applies in the same pass as defanging: a table of the ASCII characters that may need
 * escaping, and a function that decides for one of them, with the whole text at hand for context (what is
 * before and after it).
 */
export interface TextEscaper {
  /** 1 at the char codes (below 128) that `escape` must see; 0 elsewhere. */
  readonly table: Uint8Array;
  /** The replacement of `text[index]`, one of the special characters, or `undefined` to keep it. */
  escape(text: string, index: number): string | undefined;
}

/**
 * An escaper for the ASCII characters in `specials`.
 *
 * @example
 * const html = createEscaper('&<>', (text, i) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[text[i] ?? '']);
 */
export function createEscaper(
  specials: string,
  replace: (text: string, index: number) => string | undefined,
): TextEscaper {
  const table = new Uint8Array(128);
  for (let i = 0; i < specials.length; i++) {
    const code = specials.charCodeAt(i);
    if (code >= 128)
      throw new RangeError(`createEscaper: special characters must be ASCII, got ${specials[i]}`);
    table[code] = 1;
  }
  return { table, escape: replace };
}

/** Escapes nothing: for output that is escaped later (HTML at render time) or shown as is. */
export const NO_ESCAPING: TextEscaper = createEscaper('', () => undefined);
