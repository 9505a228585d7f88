/**
 * Webhook URLs often carry their secret (Teams Workflows put a `sig=` in the query), so they are checked without
 * ever being echoed, and shown in messages only as scheme and host.
 */
import { isLoopbackHost } from '@tqalert/core';

/** What is wrong with `raw` as a webhook URL, or undefined when it is fine. Never repeats the URL. */
export function webhookUrlProblem(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute URL such as "https://hooks.example.com/tqalert"';
  }
  if (url.username || url.password) {
    return 'must not contain a user name or password: send credentials in `headers` (e.g. Authorization) instead';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return undefined;
  if (url.protocol === 'http:') {
    return `must use https:// (plain http:// is allowed only to a loopback host such as 127.0.0.1; got host "${url.hostname}")`;
  }
  return `must use https:// (got the "${url.protocol.slice(0, -1)}" scheme)`;
}

/** `https://host/…`: enough to tell webhooks apart in messages, without the path or query that may be secret. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}/…`;
}
