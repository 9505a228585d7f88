import { createHmac } from 'node:crypto';

/**
 * The signature header value for `body`: `sha256=` + the hex HMAC-SHA256 of the exact bytes sent, the scheme
 * GitHub and many receivers use. A receiver recomputes it over the raw body and compares in constant time.
 */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
