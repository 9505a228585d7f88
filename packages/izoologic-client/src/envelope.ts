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
export type DecodedBody = { ok: true; envelope: Envelope } | { ok: false; problem: string };

/** Parses a body as an envelope without throwing. */
export function decodeEnvelope(text: string): DecodedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
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
