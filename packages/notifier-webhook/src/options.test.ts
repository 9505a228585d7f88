import { ConfigError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { WebhookNotifier, type WebhookNotifierOptions } from './webhook-notifier.js';

function problems(options: unknown): string {
  try {
    new WebhookNotifier(options as WebhookNotifierOptions);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('WebhookNotifier options', () => {
  it('requires https, except to a loopback host', () => {
    expect(problems({ url: 'http://hooks.example.com/x?sig=SECRETSIG' })).toMatch(
      /url: must use https:\/\/ \(plain http:\/\/ is allowed only to a loopback host such as 127\.0\.0\.1; got host "hooks\.example\.com"\)/,
    );
    for (const url of [
      'http://127.0.0.1:8080/x',
      'http://localhost/x',
      'http://[::1]:9/x',
      'https://hooks.example.com/x',
    ]) {
      expect(new WebhookNotifier({ url }).name).toBe('webhook');
    }
  });

  it('never echoes the URL (it may carry a secret) in its complaints', () => {
    expect(problems({ url: 'http://hooks.example.com/workflows/abc?sig=SECRETSIG' })).not.toMatch(
      /SECRETSIG|workflows/,
    );
    expect(problems({ url: 'ftp://hooks.example.com/SECRETPATH' })).toMatch(
      /url: must use https:\/\/ \(got the "ftp" scheme\)/,
    );
    expect(problems({ url: 'not a url SECRETSIG' })).toMatch(/url: must be an absolute URL/);
    expect(problems({ url: 'not a url SECRETSIG' })).not.toContain('SECRETSIG');
  });

  it('refuses credentials in the URL and points to headers', () => {
    expect(problems({ url: 'https://user:p4ssw0rd@hooks.example.com/x' })).toMatch(
      /url: must not contain a user name or password: send credentials in `headers`/,
    );
  });

  it('names every other bad option by path, without showing secret values', () => {
    const message = problems({
      url: 'https://hooks.example.com/x',
      headers: { 'Content-Type': 'text/plain', 'Bad Header': 'x', 'X-Ok': 'line\nbreak' },
      secretHeader: { secret: 'short-s3cr3t' },
      timeoutMs: 5,
      colour: 'red',
    });
    expect(message).toMatch(/headers\.Content-Type: is set by the notifier and cannot be overridden/);
    expect(message).toMatch(/headers\.Bad Header: must be an HTTP header name/);
    expect(message).toMatch(/headers\.X-Ok: must not contain line breaks/);
    expect(message).toMatch(/secretHeader\.secret: must be at least 16 characters/);
    expect(message).toMatch(/timeoutMs: /);
    expect(message).toMatch(/colour: is not an option here: check the spelling/);
    expect(message).not.toContain('short-s3cr3t');
  });

  it('needs exactly one of url and urls, and checks every URL in urls by its id', () => {
    expect(problems({})).toMatch(/url: give either url \(one webhook\) or urls/);
    expect(problems({ url: 'https://a.example/x', urls: { b: 'https://b.example/x' } })).toMatch(
      /url: give either url/,
    );
    expect(problems({ urls: {} })).toMatch(/urls: must name at least one webhook/);
    expect(problems({ urls: { soc: 'http://soc.example/x', 'bad id': 'https://b.example/x' } })).toMatch(
      /urls\.soc: must use https:\/\/[\s\S]*urls\.bad id: must be a destination id/,
    );
  });

  it('lists every secret it holds, for the host to redact', () => {
    const notifier = new WebhookNotifier({
      url: 'https://prod.example.com/workflows/1?api-version=1&sig=Q-SIG-123456',
      headers: { Authorization: 'Bearer abcdef123456' },
      secretHeader: { secret: '0123456789abcdef0123' },
    });
    expect(notifier.secretValues()).toEqual(
      expect.arrayContaining([
        'Q-SIG-123456',
        'Bearer abcdef123456',
        '0123456789abcdef0123',
        'https://prod.example.com/workflows/1?api-version=1&sig=Q-SIG-123456',
      ]),
    );
  });
});
