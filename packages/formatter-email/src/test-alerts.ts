import { type Alert, type AlertInput, createAlert } from '@tqalert/core';
import { watchlistAlert as sampleWatchlistAlert } from '@tqalert/testkit';

/**
 * The testkit's sample watchlist alert, about `evil.example.com` (an indicator the formatter defangs) and with
 * the link left for `threatqUrl` to build, with overrides.
 */
export function watchlistAlert(overrides: Partial<AlertInput> = {}): Alert {
  return createAlert({
    ...sampleWatchlistAlert(),
    object: { collection: 'indicators', id: 42, value: 'evil.example.com', type: 'FQDN' },
    title: 'evil.example.com score went up',
    severity: 'high',
    tlp: undefined,
    ...overrides,
  });
}

/** `count` distinct alerts, numbered from 1, each with a unique marker in its title. */
export function manyAlerts(
  count: number,
  overrides: (i: number) => Partial<AlertInput> = () => ({}),
): Alert[] {
  return Array.from({ length: count }, (_, i) =>
    watchlistAlert({
      id: `alert-${i + 1}`,
      title: `Marker-${String(i + 1).padStart(5, '0')}-end changed`,
      object: { collection: 'indicators', id: i + 1, value: `host${i + 1}.example.net`, type: 'FQDN' },
      ...overrides(i),
    }),
  );
}

/** How often `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** True when `text` holds a C0/C1 control character or a Unicode line/paragraph separator. */
export function hasControlCharacter(text: string): boolean {
  return Array.from(text).some((char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
  });
}
