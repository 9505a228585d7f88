import { type Alert, checkThreatQLink, threatqOrigin } from '@tqalert/core';

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

/** Label of a link an alert carries to somewhere that is not the configured ThreatQ, shown as text. */
export const FOREIGN_LINK_LABEL = 'Link (not ThreatQ)';

/** An alert's "Open in ThreatQ" link, and its own link as defanged text when that points elsewhere. */
export interface AlertLinks {
  link: string | undefined;
  foreign: string | undefined;
}

/**
 * The "Open in ThreatQ" link of an alert: the object's own link when it is on the ThreatQ of `threatqUrl` (any
 * http(s) link when no ThreatQ is configured), else one built from the ThreatQ base URL
 * (`<base>/<collection>/<id>/details`, the UI's object page). An own link to another origin is never a link:
 * it comes back defanged in `foreign`, to be shown as text.
 */
export function threatqLink(alert: Alert, threatqUrl: string | undefined): AlertLinks {
  const checked = checkThreatQLink(safeHttpUrl(alert.object?.link), threatqOrigin(threatqUrl));
  if (checked?.kind === 'threatq') return { link: checked.url, foreign: undefined };
  const foreign = checked?.text;
  if (!alert.object || !threatqUrl) return { link: undefined, foreign };
  const base = threatqUrl.replace(/\/+$/, '');
  const { collection, id } = alert.object;
  return {
    link: safeHttpUrl(`${base}/${encodeURIComponent(collection)}/${encodeURIComponent(String(id))}/details`),
    foreign,
  };
}
