/**
 * iZoologic's answer envelope `{ result, success, message, errorCode }`. Refusals arrive inside HTTP 200 as
 * `success:false`; a body that is not JSON (the guide's own sample is not) becomes an error quoting its start.
 */
import { z } from 'zod';

const QUOTE_LENGTH = 120;

const EnvelopeSchema = z.object({
  result: z.unknown().optional(),
  success: z.boolean(),
  // The public fixtures use "" as well as null for "no message" / "no code".
  message: z.string().nullish(),
  errorCode: z.string().nullish(),
});

/** A decoded envelope. */
export type Envelope = z.infer<typeof EnvelopeSchema>;

/** The first 120 characters of a body, on one line, for error messages. */
export function quoteBody(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat === '') return '(empty body)';
  return flat.length > QUOTE_LENGTH ? `"${flat.slice(0, QUOTE_LENGTH)}…"` : `"${flat}"`;
}

/** Why a body is not an envelope, or the envelope. */
export type DecodedBody =
  | {
      ok: true;
      envelope: Envelope;
      /** True when the body was not valid JSON but its `"success": true` could be read. */
      malformed?: boolean;
    }
  | { ok: false; problem: string };

const SUCCESS_TRUE = /"success"\s*:\s*true\b/;
const ANY_FALSE = /"success"\s*:\s*false\b/i;
const ERROR_CODE_SET = /"errorCode"\s*:\s*"[^"]/;
// `"message": "message": "text"` (the guide's own sample) as well as `"message": "text"`: the last string wins.
const MESSAGE = /"message"\s*:\s*(?:"(?:[^"\\]|\\.)*"\s*:\s*)*"((?:[^"\\]|\\.)*)"/;

/**
 * A body that is not JSON but plainly reports success, like the guide's sample Approve Case Takedown answer
 * (`"message": "message": "Incidents approved for takedown"`): read as the success it reports when
 * `"success": true` is there and nothing says otherwise (no `success:false` at any depth, no error code).
 */
function readMalformedSuccess(text: string): Envelope | undefined {
  if (!SUCCESS_TRUE.test(text) || ANY_FALSE.test(text) || ERROR_CODE_SET.test(text)) return undefined;
  const said = MESSAGE.exec(text)?.[1];
  let message: string | null = null;
  if (said !== undefined) {
    try {
      message = JSON.parse(`"${said}"`) as string;
    } catch {
      message = said;
    }
  }
  return { success: true, message, errorCode: null };
}

/** Parses a body as an envelope without throwing. */
export function decodeEnvelope(text: string): DecodedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const lenient = readMalformedSuccess(text);
    if (lenient !== undefined) return { ok: true, envelope: lenient, malformed: true };
    return { ok: false, problem: `a body that is not valid JSON: ${quoteBody(text)}` };
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problem: `JSON without the expected {success, result, message, errorCode} envelope: ${quoteBody(text)}`,
    };
  }
  return { ok: true, envelope: parsed.data };
}

/** The server's own words, `iZOO2004: Case X was not found.`, for messages. */
export function describeRefusal(envelope: Envelope): string {
  const code = envelope.errorCode ? `${envelope.errorCode}: ` : '';
  const text = envelope.message?.trim() ? envelope.message.trim() : 'no message given';
  return `${code}${text}`;
}
