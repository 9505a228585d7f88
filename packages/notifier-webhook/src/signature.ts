import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header that carries the time of signing, in Unix seconds. */
export const TIMESTAMP_HEADER = 'X-TQAlert-Timestamp';

/** How old a signed request a receiver should still accept, by default: 5 minutes. */
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

/** What a signature covers besides the secret. */
export interface SignedParts {
  /** Unix seconds when the request was signed (the `X-TQAlert-Timestamp` header). */
  timestamp: number;
  /** The `Idempotency-Key` header, or `''` when the request has none. */
  idempotencyKey: string;
  /** The exact body bytes sent, as text. */
  body: string;
}

/**
 * The string that is signed: `v1:<timestamp>:<idempotencyKey>:<body>`. The timestamp lets a receiver refuse an old
 * request replayed later; the idempotency key ties the signature to one delivery, so a receiver that remembers keys
 * inside its replay window can drop a repeat.
 */
export function signedString(parts: SignedParts): string {
  return `v1:${parts.timestamp}:${parts.idempotencyKey}:${parts.body}`;
}

/** The signature header value: `v1=` + the hex HMAC-SHA256 of {@link signedString} with `secret`. */
export function signDelivery(parts: SignedParts & { secret: string }): string {
  return `v1=${createHmac('sha256', parts.secret).update(signedString(parts), 'utf8').digest('hex')}`;
}

/** What a receiver read from one request, to check with {@link verifyWebhookSignature}. */
export interface SignatureCheck {
  /** The shared signing secret (`secretHeader.secret`). */
  secret: string;
  /** The raw request body, exactly as received (not re-serialised JSON). */
  body: string | Buffer;
  /** The signature header (`X-TQAlert-Signature-256` unless renamed). */
  signature: string | undefined;
  /** The `X-TQAlert-Timestamp` header. */
  timestamp: string | undefined;
  /** The `Idempotency-Key` header, when there is one. */
  idempotencyKey?: string | undefined;
  /** Oldest (and furthest in the future) a timestamp may be, in seconds. Default 300. */
  windowSeconds?: number;
  /** The receiver's clock, in milliseconds. Default `Date.now()`. */
  now?: number;
}

/**
 * Checks a signed webhook request on the receiving side: the timestamp is within the replay window and the
 * signature matches (compared in constant time). Resolves which check failed, so a receiver can log why.
 *
 * @example
 * const verdict = verifyWebhookSignature({ secret, body: rawBody, signature: req.headers['x-tqalert-signature-256'],
 *   timestamp: req.headers['x-tqalert-timestamp'], idempotencyKey: req.headers['idempotency-key'] });
 * if (!verdict.ok) return res.writeHead(401).end(verdict.reason);
 */
export function verifyWebhookSignature(check: SignatureCheck): { ok: true } | { ok: false; reason: string } {
  const window = check.windowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
  if (check.signature === undefined || check.timestamp === undefined)
    return { ok: false, reason: 'the signature or timestamp header is missing' };
  if (!/^\d{1,12}$/.test(check.timestamp))
    return { ok: false, reason: 'the timestamp header is not a number of seconds' };
  const timestamp = Number(check.timestamp);
  const age = (check.now ?? Date.now()) / 1000 - timestamp;
  if (Math.abs(age) > window)
    return {
      ok: false,
      reason: `the request was signed ${Math.round(age)} s ago, outside the ${window} s window`,
    };
  const expected = signDelivery({
    secret: check.secret,
    timestamp,
    idempotencyKey: check.idempotencyKey ?? '',
    body: Buffer.isBuffer(check.body) ? check.body.toString('utf8') : check.body,
  });
  const given = Buffer.from(check.signature);
  const wanted = Buffer.from(expected);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { ok: false, reason: 'the signature does not match' };
  return { ok: true };
}
