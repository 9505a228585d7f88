import { type Alert, createAlert, type NotificationType, NotificationTypes } from '@tqalert/core';

/** The strings the hostile sample carries that a formatter must never let through raw. */
export const HOSTILE_MARKERS = ['<!channel>', '<script'] as const;

/** A watched indicator whose score went up. */
export function watchlistAlert(): Alert {
  return createAlert({
    id: 'watchlist|indicators:4711|score:5->8',
    type: NotificationTypes.WATCHLIST,
    service: 'watchlist',
    object: {
      collection: 'indicators',
      id: 4711,
      value: 'login-portal.evil.example',
      type: 'FQDN',
      link: 'https://threatq.example/indicators/4711/details',
    },
    title: 'Watched indicator score raised from 5 to 8',
    summary: 'A watched FQDN was re-scored after a new source reported it.',
    severity: 'critical',
    score: 8,
    changes: [
      { field: 'score', before: 5, after: 8 },
      { field: 'sources', before: ['Feed A'], after: ['Feed A', 'Feed B'] },
    ],
    sources: ['Feed A', 'Feed B'],
    tags: ['phishing'],
    tlp: 'AMBER',
    occurredAt: '2026-03-01T12:00:00.000Z',
    fields: { Status: 'Active' },
  });
}

/** A new match of a data collection (saved search). */
export function dataCollectionAlert(): Alert {
  return createAlert({
    id: 'data-collection|Phishing infrastructure|indicators:8812|new',
    type: NotificationTypes.DATA_COLLECTION,
    service: 'data-collection',
    object: { collection: 'indicators', id: 8812, value: '203.0.113.7', type: 'IP Address' },
    title: 'New match in data collection Phishing infrastructure',
    summary: 'An IP address now matches the collection filters.',
    severity: 'medium',
    score: 5,
    sources: ['Feed C'],
    tags: ['infrastructure'],
    occurredAt: '2026-03-01T12:05:00.000Z',
    fields: { Collection: 'Phishing infrastructure' },
  });
}

/** A free-form message, about no object, with line breaks. */
export function freeFormAlert(): Alert {
  return createAlert({
    id: 'free-form|maintenance-2026-03-01',
    type: NotificationTypes.FREE_FORM,
    service: 'cli',
    title: 'Maintenance window tonight',
    summary: 'ThreatQ will be read-only from 22:00 to 23:00 UTC.\nAlerts are queued and sent afterwards.',
    occurredAt: '2026-03-01T13:00:00.000Z',
  });
}

/**
 * An alert whose every text field tries something: Slack mentions and link syntax, markdown, HTML, entities.
 * A formatter must show it as text and never let `<!channel>` or `<script>` through raw.
 */
export function hostileAlert(): Alert {
  return createAlert({
    id: 'watchlist|indicators:666|hostile',
    type: NotificationTypes.WATCHLIST,
    service: 'watchlist',
    object: {
      collection: 'indicators',
      id: 666,
      value: '<!here> http://evil.example/a.b',
      type: '<b>URL</b>',
    },
    title: '<!channel> http://evil.example/a.b &<> <script>alert(1)</script>',
    summary: '*bold* _it_ ~strike~ `code` <@U0123> <https://evil.example|click me> &amp; &<> <!everyone>',
    severity: 'high',
    score: 7,
    changes: [{ field: '<img src=x onerror=alert(1)>', before: '<!channel>', after: '&<>' }],
    sources: ['<!subteam^S123>'],
    tags: ['<script>tag</script>'],
    occurredAt: '2026-03-01T14:00:00.000Z',
    fields: { '<b>label</b>': '<!channel> &<>' },
  });
}

/**
 * The four sample alerts, fresh on every call: watchlist change, data-collection match, free form, and one with
 * hostile content.
 */
export function sampleAlerts(): Alert[] {
  return [watchlistAlert(), dataCollectionAlert(), freeFormAlert(), hostileAlert()];
}

/**
 * `count` distinct alerts of `type`, titled `Batch alert 01 of 12` and so on, for checking that a message about
 * many alerts mentions every one of them. Titles hold no markup, dots or IOCs, so escaping and defanging leave
 * them as they are.
 */
export function alertBatch(count: number, type: NotificationType = NotificationTypes.WATCHLIST): Alert[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, index) => {
    const n = String(index + 1).padStart(width, '0');
    return createAlert({
      id: `batch|${type}|${n}`,
      type,
      service: 'batch',
      object: { collection: 'indicators', id: 1000 + index, value: `host-${n}.example`, type: 'FQDN' },
      title: `Batch alert ${n} of ${count}`,
      summary: `Summary of batch alert ${n}`,
      severity: 'medium',
      score: 5,
      occurredAt: new Date(Date.UTC(2026, 2, 1, 12, index)).toISOString(),
    });
  });
}
