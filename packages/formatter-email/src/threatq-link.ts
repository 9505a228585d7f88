import type { Alert } from '@tqalert/core';

/** Links longer than this are not used: no real object page needs more, and a huge href would eat the size budget. */
export const MAX_LINK_LENGTH = 1_000;

/**
 * The URL if it is a well-formed http(s) URL of reasonable length, else undefined: an upstream `javascript:` or
 * `data:` link never becomes a link.
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    const ok =
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.href.length <= MAX_LINK_LENGTH;
    return ok ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The "Open in ThreatQ" link of an alert: the object's own link, or one built from the ThreatQ base URL
 * (`<base>/<collection>/<id>/details`, the UI's object page).
 */
export function threatqLink(alert: Alert, threatqUrl: string | undefined): string | undefined {
  const own = safeHttpUrl(alert.object?.link);
  if (own) return own;
  if (!alert.object || !threatqUrl) return undefined;
  const base = threatqUrl.replace(/\/+$/, '');
  const { collection, id } = alert.object;
  return safeHttpUrl(`${base}/${encodeURIComponent(collection)}/${encodeURIComponent(String(id))}/details`);
}
