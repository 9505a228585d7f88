import { describe, expect, it } from 'vitest';
import { createAlert, NotificationTypes, severityAtLeast, severityFromScore } from './alert.js';
import { ValidationError } from './errors.js';
import { alertInput, thrownBy } from './test-parts.js';

function validationErrorOf(input: unknown): ValidationError {
  return thrownBy(
    () => createAlert(input),
    (e) => ValidationError.isInstance(e),
  );
}

describe('createAlert', () => {
  it('fills in the defaults of a minimal alert', () => {
    const alert = createAlert(alertInput());
    expect(alert).toEqual({
      id: 'watchlist|indicators:1|score:8',
      type: 'WATCHLIST',
      service: 'watchlist',
      title: 'Score raised',
      summary: '',
      severity: 'info',
      score: null,
      changes: [],
      sources: [],
      tags: [],
      occurredAt: '2026-03-01T12:00:00Z',
      fields: {},
    });
  });

  it('keeps every field of a complete alert', () => {
    const input = alertInput({
      object: {
        collection: 'indicators',
        id: 42,
        value: 'evil.example',
        type: 'FQDN',
        link: 'https://threatq.example/indicators/42/details',
      },
      summary: 'Score went from 5 to 8',
      severity: 'critical',
      score: 8,
      changes: [{ field: 'score', before: 5, after: 8 }],
      sources: ['Feed A'],
      tags: ['phishing'],
      tlp: 'AMBER+STRICT',
      occurredAt: '2026-03-01T12:00:00+02:00',
      fields: { Owner: 'SOC' },
    });
    expect(createAlert(input)).toEqual(input);
  });

  it('accepts a notification type a plugin adds', () => {
    expect(createAlert(alertInput({ type: 'CASE_UPDATE' })).type).toBe('CASE_UPDATE');
    expect(createAlert(alertInput({ type: NotificationTypes.FREE_FORM })).type).toBe('FREE_FORM');
  });

  it('names every invalid path in one ValidationError', () => {
    const error = validationErrorOf({
      type: 'WATCHLIST',
      service: 'watchlist',
      title: 'x',
      severity: 'urgent',
      object: { collection: '', id: 1, value: 'v', link: 'not a url' },
      changes: [{ field: 'score' }, { field: '' }],
      occurredAt: 'yesterday',
    });
    const paths = error.issues.map((i) => i.path).sort();
    expect(paths).toEqual(
      ['changes[1].field', 'id', 'object.collection', 'object.link', 'occurredAt', 'severity'].sort(),
    );
    for (const path of paths) expect(error.message).toContain(`${path}:`);
    expect(error.code).toBe('ALERT_INVALID');
    expect(error.message).toMatch(/^Invalid alert: /);
  });

  it('refuses an id longer than 512 characters, so dedup keys stay indexable', () => {
    const error = validationErrorOf(alertInput({ id: 'x'.repeat(513) }));
    expect(error.issues).toEqual([{ path: 'id', message: expect.stringContaining('512') }]);
  });

  it('reports a non-object input at the root', () => {
    expect(validationErrorOf('an alert').issues).toEqual([{ path: '(root)', message: expect.any(String) }]);
  });
});

describe('severityFromScore', () => {
  it.each([
    [null, 'info'],
    [undefined, 'info'],
    [Number.NaN, 'info'],
    [-1, 'info'],
    [0, 'info'],
    [1.99, 'info'],
    [2, 'low'],
    [3.99, 'low'],
    [4, 'medium'],
    [5.99, 'medium'],
    [6, 'high'],
    [7.99, 'high'],
    [8, 'critical'],
    [10, 'critical'],
  ] as const)('maps %s to %s', (score, severity) => {
    expect(severityFromScore(score)).toBe(severity);
  });
});

describe('severityAtLeast', () => {
  it('orders severities from info to critical', () => {
    expect(severityAtLeast('high', 'medium')).toBe(true);
    expect(severityAtLeast('medium', 'medium')).toBe(true);
    expect(severityAtLeast('low', 'medium')).toBe(false);
    expect(severityAtLeast('critical', 'info')).toBe(true);
  });
});
