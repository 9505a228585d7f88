import { AlertSchema, NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { alertBatch, HOSTILE_MARKERS, hostileAlert, sampleAlerts } from './sample-alerts.js';

describe('sampleAlerts', () => {
  it('gives a valid watchlist, data-collection, free-form and hostile alert', () => {
    const alerts = sampleAlerts();
    for (const alert of alerts) expect(AlertSchema.parse(alert)).toEqual(alert);
    expect(alerts.map((a) => a.type)).toEqual([
      NotificationTypes.WATCHLIST,
      NotificationTypes.DATA_COLLECTION,
      NotificationTypes.FREE_FORM,
      NotificationTypes.WATCHLIST,
    ]);
    expect(alerts[2]?.object).toBeUndefined();
  });

  it('returns fresh objects, so a test that changes one cannot break another', () => {
    const first = sampleAlerts();
    first[0]?.tags.push('changed');
    expect(sampleAlerts()[0]?.tags).toEqual(['phishing']);
  });

  it('puts every hostile marker, a Slack broadcast and a URL in the hostile alert', () => {
    const hostile = hostileAlert();
    for (const marker of HOSTILE_MARKERS) expect(hostile.title).toContain(marker);
    expect(hostile.title).toContain('<!channel> http://evil.example/a.b');
    expect(hostile.title).toContain('&<>');
  });
});

describe('alertBatch', () => {
  it('makes distinct ids and titles where no title contains another', () => {
    const batch = alertBatch(12, NotificationTypes.DATA_COLLECTION);
    expect(new Set(batch.map((a) => a.id)).size).toBe(12);
    expect(batch.every((a) => a.type === 'DATA_COLLECTION')).toBe(true);
    for (const a of batch) {
      expect(batch.filter((b) => b.title.includes(a.title))).toEqual([a]);
    }
    expect(batch[0]?.title).toBe('Batch alert 01 of 12');
  });
});
