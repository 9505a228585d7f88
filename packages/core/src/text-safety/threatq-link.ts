/**
 * "Open in ThreatQ" links: an alert's link becomes the ThreatQ button only when it points at the configured
 * ThreatQ. A link from a third-party service to anywhere else is shown as defanged text, so a feed cannot dress
 * a phishing page up as ThreatQ.
 */
import { defangIndicator } from './safe-text.js';

/** What to do with an alert's link. */
export type CheckedLink =
  /** An http(s) link on the ThreatQ origin (or any http(s) link when no origin is configured): link it. */
  | { kind: 'threatq'; url: string }
  /** An http(s) link elsewhere: show `text` (defanged), never as a link or button. */
  | { kind: 'foreign'; url: string; text: string };

function parsedWebUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The origin (`https://threatq.example.com`) of a configured ThreatQ address, or undefined when `address` is not
 * given. Throws a `TypeError` naming the value when it is not an http(s) URL (options schemas check it first).
 */
export function threatqOrigin(address: string | undefined): string | undefined {
  if (address === undefined) return undefined;
  const url = parsedWebUrl(address);
  if (!url) throw new TypeError(`the ThreatQ address must be an http(s) URL, got ${JSON.stringify(address)}`);
  return url.origin;
}

/**
 * Checks `link` against the ThreatQ `origin` (from {@link threatqOrigin}). `undefined` for no link or one that
 * is not http(s) (`javascript:`, `data:`): never shown. With no origin configured every http(s) link is trusted,
 * as before the check existed; configure the ThreatQ address to turn the check on.
 */
export function checkThreatQLink(
  link: string | undefined,
  origin: string | undefined,
): CheckedLink | undefined {
  if (link === undefined) return undefined;
  const url = parsedWebUrl(link);
  if (!url) return undefined;
  if (origin === undefined || url.origin === origin) return { kind: 'threatq', url: link };
  return { kind: 'foreign', url: link, text: defangIndicator(link) };
}

/**
 * The address of a ThreatQ client handed to a plugin (`context.clients.threatq`, or the guide's
 * `new SlackFormatter(threatq, …)`), when it has one: its `origin`. Anything else gives undefined.
 */
export function threatqAddressOf(client: unknown): string | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const origin = (client as { origin?: unknown }).origin;
  return typeof origin === 'string' && origin !== '' ? origin : undefined;
}
