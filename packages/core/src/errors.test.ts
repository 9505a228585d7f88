import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  DeliveryError,
  describeError,
  TQAlertError,
  UpstreamHttpError,
  ValidationError,
} from './errors.js';

/**
 * What a plugin's own copy of `@tqalert/core` throws: a different class that carries the same `Symbol.for`
 * markers. `instanceof DeliveryError` is false for it; `isInstance` must still say yes.
 */
class SecondCopyDeliveryError extends Error {
  readonly code = 'DELIVERY_RETRYABLE';
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    Object.defineProperty(this, Symbol.for('tqalert.error'), { value: true });
    Object.defineProperty(this, Symbol.for('tqalert.error.delivery'), { value: true });
  }
}

describe('isInstance', () => {
  it('recognises an error thrown by a second copy of core', () => {
    const foreign = new SecondCopyDeliveryError('slack answered 503');
    expect(foreign instanceof DeliveryError).toBe(false);
    expect(DeliveryError.isInstance(foreign)).toBe(true);
    expect(TQAlertError.isInstance(foreign)).toBe(true);
    expect(ConfigError.isInstance(foreign)).toBe(false);
  });

  it('tells the error classes apart', () => {
    const config = new ConfigError('bad');
    expect(TQAlertError.isInstance(config)).toBe(true);
    expect(ConfigError.isInstance(config)).toBe(true);
    expect(ValidationError.isInstance(config)).toBe(false);
    expect(DeliveryError.isInstance(config)).toBe(false);
    expect(UpstreamHttpError.isInstance(config)).toBe(false);
  });

  it('says no to plain errors, non-objects and copies made by spreading', () => {
    const error = new DeliveryError({ message: 'x', retryable: false });
    expect(TQAlertError.isInstance(new Error('x'))).toBe(false);
    expect(TQAlertError.isInstance(null)).toBe(false);
    expect(TQAlertError.isInstance('DeliveryError')).toBe(false);
    expect(DeliveryError.isInstance({ ...error })).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).not.toHaveProperty('Symbol(tqalert.error)');
  });
});

describe('TQAlertError', () => {
  it('carries a code, a message and the cause', () => {
    const cause = new Error('ECONNRESET');
    const error = new TQAlertError('SOMETHING', 'It broke', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('SOMETHING');
    expect(error.message).toBe('It broke');
    expect(error.name).toBe('TQAlertError');
    expect(error.cause).toBe(cause);
  });

  it('has no cause property when none was given', () => {
    expect('cause' in new TQAlertError('X', 'y')).toBe(false);
  });
});

describe('ConfigError', () => {
  it('lists every issue with its path, and where the configuration came from', () => {
    const error = new ConfigError(
      [
        { path: 'services[1].every', message: 'expected a duration like "5m"' },
        { path: 'notifiers[0].options.token', message: 'required' },
      ],
      { source: '/etc/tqalert/config.yaml' },
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      'Invalid configuration in /etc/tqalert/config.yaml (2 problems):\n' +
        '  - services[1].every: expected a duration like "5m"\n' +
        '  - notifiers[0].options.token: required',
    );
    expect(error.issues).toHaveLength(2);
  });

  it('turns a single message into one issue at the root', () => {
    const error = new ConfigError('no services configured');
    expect(error.issues).toEqual([{ path: '(root)', message: 'no services configured' }]);
    expect(error.message).toContain('(1 problem)');
  });
});

describe('DeliveryError', () => {
  it('derives its code from retryable and keeps what was already delivered', () => {
    const retryable = new DeliveryError({
      message: 'rate limited',
      retryable: true,
      retryAfter: 30,
      notifier: 'slack',
      delivered: [{ destination: 'C1', part: 0, ref: { ts: '1.2' } }],
    });
    expect(retryable.code).toBe('DELIVERY_RETRYABLE');
    expect(retryable.retryAfter).toBe(30);
    expect(retryable.notifier).toBe('slack');
    expect(retryable.delivered).toEqual([{ destination: 'C1', part: 0, ref: { ts: '1.2' } }]);

    const permanent = new DeliveryError({ message: 'channel_not_found', retryable: false });
    expect(permanent.code).toBe('DELIVERY_PERMANENT');
    expect(permanent.delivered).toEqual([]);
  });

  it('accepts a specific code', () => {
    expect(new DeliveryError({ message: 'x', retryable: false, code: 'SMTP_550' }).code).toBe('SMTP_550');
  });
});

describe('UpstreamHttpError', () => {
  it('keeps status, upstream, request, detail and Retry-After', () => {
    const error = new UpstreamHttpError({
      upstream: 'threatq',
      status: 429,
      request: 'GET /api/indicators',
      message: 'ThreatQ answered 429 to GET /api/indicators',
      detail: 'Too many requests',
      retryAfter: 12,
    });
    expect(error).toMatchObject({
      code: 'UPSTREAM_HTTP',
      status: 429,
      upstream: 'threatq',
      request: 'GET /api/indicators',
      detail: 'Too many requests',
      retryAfter: 12,
      name: 'UpstreamHttpError',
    });
  });
});

describe('ValidationError', () => {
  it('keeps the issues and a default code', () => {
    const error = new ValidationError('bad record', [{ path: 'data[0].value', message: 'required' }]);
    expect(error.code).toBe('VALIDATION');
    expect(error.issues).toEqual([{ path: 'data[0].value', message: 'required' }]);
  });
});

describe('describeError', () => {
  it('prefixes TQ Alert errors with their code', () => {
    expect(describeError(new DeliveryError({ message: 'channel_not_found', retryable: false }))).toBe(
      'DELIVERY_PERMANENT: channel_not_found',
    );
  });

  it('describes plain errors and thrown non-errors', () => {
    expect(describeError(new TypeError('fetch failed'))).toBe('fetch failed');
    expect(describeError('boom')).toBe('boom');
    expect(describeError(42)).toBe('42');
  });
});
