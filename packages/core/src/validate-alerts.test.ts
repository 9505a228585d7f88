import { describe, expect, it } from 'vitest';
import { createAlert } from './alert.js';
import { ValidationError } from './errors.js';
import { validateAlerts } from './validate-alerts.js';
import { isValidatedAlert } from './validated-alert-set.js';

const input = {
  id: 'cli|1',
  type: 'FREE_FORM',
  service: 'cli',
  title: 'Hello',
  occurredAt: '2026-03-01T12:00:00.000Z',
};

describe('validateAlerts', () => {
  it('fills the defaults of an alert input, and names the field of a bad alert with its index', () => {
    const [alert] = validateAlerts([input], 'TestFormatter');
    expect(alert).toMatchObject({ summary: '', severity: 'info', tags: [], changes: [], fields: {} });
    let error: unknown;
    try {
      validateAlerts([input, { ...input, title: '' }], 'TestFormatter');
    } catch (caught) {
      error = caught;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).code).toBe('ALERT_INVALID');
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['alerts[1].title']);
    expect((error as Error).message).toMatch(
      /^TestFormatter cannot format alerts\[1\]: alerts\[1\]\.title: /,
    );
  });

  it('10.2 validates once: an alert createAlert returned passes as the same object, not parsed again', () => {
    const alert = createAlert(input);
    expect(isValidatedAlert(alert)).toBe(true);
    expect(isValidatedAlert({ ...alert })).toBe(false);
    const [same] = validateAlerts([alert], 'TestFormatter');
    expect(same).toBe(alert);
    // A copy is parsed: a new object comes back.
    const [parsed] = validateAlerts([{ ...alert }], 'TestFormatter');
    expect(parsed).not.toBe(alert);
    expect(parsed).toEqual(alert);
  });
});
