import { type Alert, createAlert, type NotificationType, NotificationTypes } from '@tqalert/core';

/** A realistic sample alert of a type, for previews and test sends (clearly marked as a test). */
export function sampleAlert(type: NotificationType, service = 'sample', n = 1): Alert {
  const base = {
    id: `sample-${type}-${n}`,
    type,
    service,
    occurredAt: new Date().toISOString(),
    sources: ['Example Feed'],
    tags: ['phishing', 'tqalert-test'],
    tlp: 'AMBER' as const,
  };
  if (type === NotificationTypes.WATCHLIST) {
    return createAlert({
      ...base,
      title: `[TEST] Score of malicious${n}.example rose to 8.5`,
      summary: 'A watched indicator changed (sample alert from tqalert).',
      object: {
        collection: 'indicators',
        id: 4700 + n,
        value: `http://malicious${n}.example/login`,
        type: 'URL',
      },
      severity: 'critical',
      score: 8.5,
      changes: [
        { field: 'score', before: 5, after: 8.5 },
        { field: 'status', before: 'Review', after: 'Active' },
      ],
    });
  }
  if (type === NotificationTypes.DATA_COLLECTION) {
    return createAlert({
      ...base,
      title: `[TEST] New match 203.0.113.${n} in "High-risk IPs"`,
      summary: 'A data collection has a new match (sample alert from tqalert).',
      object: { collection: 'indicators', id: 5100 + n, value: `203.0.113.${n}`, type: 'IP Address' },
      severity: 'high',
      score: 7,
    });
  }
  return createAlert({
    ...base,
    title: '[TEST] Message from tqalert',
    summary: 'If you can read this, the notifier works.',
    severity: 'info',
  });
}
