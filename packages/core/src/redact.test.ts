import { describe, expect, it } from 'vitest';
import { TQAlertError } from './errors.js';
import { REDACTED, Redactor, redact } from './redact.js';

describe('Redactor.text', () => {
  it('replaces every occurrence of a registered secret', () => {
    const redactor = new Redactor().add('s3cr3t-token');
    expect(redactor.text('token=s3cr3t-token; again s3cr3t-token')).toBe(
      `token=${REDACTED}; again ${REDACTED}`,
    );
  });

  it('replaces a secret that contains another one whole', () => {
    const redactor = new Redactor().add('abcd', 'abcdefgh');
    expect(redactor.text('key abcdefgh')).toBe(`key ${REDACTED}`);
  });

  it('ignores values too short to be secrets, which would mangle ordinary text', () => {
    const redactor = new Redactor().add('abc', '', undefined, null);
    expect(redactor.text('abc is fine')).toBe('abc is fine');
  });

  it('masks Bearer and Basic credentials in any letter case', () => {
    const redactor = new Redactor();
    expect(redactor.text('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactor.text('authorization: bearer eyJhbGciOiJIUzI1NiJ9')).toBe(
      `authorization: bearer ${REDACTED}`,
    );
    expect(redactor.text('Basic dXNlcjpwYXNz')).toBe(`Basic ${REDACTED}`);
  });

  it('masks the password in URL credentials and keeps the user', () => {
    expect(new Redactor().text('connecting to smtp://alerts:hunter22@mail.example:587')).toBe(
      `connecting to smtp://alerts:${REDACTED}@mail.example:587`,
    );
  });
  it('11.9 scrubs the URL-encoded and form-encoded spellings of a registered secret', () => {
    const redactor = new Redactor().add('p@ss w/rd+1');
    expect(redactor.text('GET /login?password=p%40ss%20w%2Frd%2B1')).toBe(`GET /login?password=${REDACTED}`);
    expect(redactor.text('body: password=p%40ss+w%2Frd%2B1')).toBe(`body: password=${REDACTED}`);
    expect(redactor.text('lower hex: p%40ss%20w%2frd%2b1')).toBe(`lower hex: ${REDACTED}`);
  });

  it('11.9 masks the whole password of URL credentials that contain an @', () => {
    const out = new Redactor().text('connecting to smtp://alerts:p@ss@mail.example:587/x?to=a@b.example');
    expect(out).toBe(`connecting to smtp://alerts:${REDACTED}@mail.example:587/x?to=a@b.example`);
    expect(out).not.toContain('ss@mail');
  });
});

describe('Redactor.value', () => {
  it('masks secret-looking keys, nested in objects and arrays', () => {
    const input = {
      threatq: { clientSecret: 'x1', password: 'x2', username: 'analyst' },
      notifiers: [{ slackToken: 'xoxb-1', apiKey: 'k', credentials: { user: 'u' } }],
      headers: { Authorization: 'Bearer abcdefgh', Cookie: 'sid=1' },
    };
    expect(new Redactor().value(input)).toEqual({
      threatq: { clientSecret: REDACTED, password: REDACTED, username: 'analyst' },
      notifiers: [{ slackToken: REDACTED, apiKey: REDACTED, credentials: REDACTED }],
      headers: { Authorization: REDACTED, Cookie: REDACTED },
    });
  });

  it('11.9 masks any key that names a secret, key, token, password, signing or hmac value, in any case', () => {
    const input = {
      secretKey: 'a1',
      secretkey: 'a2',
      IZOOLOGIC_SECRET_KEY: 'a3',
      signingKey: 'a4',
      hmacKey: 'a5',
      'x-api-key': 'a6',
      SLACK_BOT_TOKEN: 'a7',
      dbPasswordFile: 'a8',
      privateKeyPem: 'a9',
      host: 'izoologic.example',
    };
    expect(new Redactor().value(input)).toEqual({
      secretKey: REDACTED,
      secretkey: REDACTED,
      IZOOLOGIC_SECRET_KEY: REDACTED,
      signingKey: REDACTED,
      hmacKey: REDACTED,
      'x-api-key': REDACTED,
      SLACK_BOT_TOKEN: REDACTED,
      dbPasswordFile: REDACTED,
      privateKeyPem: REDACTED,
      host: 'izoologic.example',
    });
  });

  it('leaves a flag under a secret-sounding key readable: true/false carries no secret', () => {
    expect(new Redactor().value({ isPrivate: true, tokenRefresh: false })).toEqual({
      isPrivate: true,
      tokenRefresh: false,
    });
  });

  it('leaves a missing secret visible as missing', () => {
    expect(new Redactor().value({ password: '', token: undefined, apiKey: null })).toEqual({
      password: '',
      token: undefined,
      apiKey: null,
    });
  });

  it('scrubs registered secrets from strings at any depth without touching the input', () => {
    const input = { log: ['sent with key=ABCD-1234'], nested: { deeper: 'ABCD-1234' } };
    const out = new Redactor().add('ABCD-1234').value(input);
    expect(out).toEqual({ log: [`sent with key=${REDACTED}`], nested: { deeper: REDACTED } });
    expect(input.nested.deeper).toBe('ABCD-1234');
  });

  it('turns an error into a plain object with its message, fields and cause scrubbed', () => {
    const cause = new Error('upstream said: token s3cr3t-value is invalid');
    const error = new TQAlertError('AUTH_FAILED', 'login with s3cr3t-value failed', { cause });
    const out = new Redactor().add('s3cr3t-value').value({ error }) as unknown as {
      error: Record<string, unknown>;
    };
    expect(out.error).toEqual({
      name: 'TQAlertError',
      message: `login with ${REDACTED} failed`,
      code: 'AUTH_FAILED',
      cause: { name: 'Error', message: `upstream said: token ${REDACTED} is invalid` },
    });
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
  });

  it('cuts a cycle but copies an object referenced twice side by side', () => {
    const shared = { host: 'threatq.example' };
    const cyclic: Record<string, unknown> = { name: 'root', a: shared, b: shared };
    cyclic.self = cyclic;
    expect(new Redactor().value(cyclic)).toEqual({
      name: 'root',
      a: { host: 'threatq.example' },
      b: { host: 'threatq.example' },
      self: '[Circular]',
    });
  });

  it('writes dates as ISO strings', () => {
    expect(new Redactor().value({ at: new Date('2026-03-01T12:00:00Z') })).toEqual({
      at: '2026-03-01T12:00:00.000Z',
    });
  });

  it('passes numbers, booleans and null through', () => {
    expect(new Redactor().value([1, true, null])).toEqual([1, true, null]);
  });
});

describe('redact', () => {
  it('scrubs the given secrets and the patterns in one call', () => {
    expect(redact('key=AKIA1234 url=https://u:p4ss@h', ['AKIA1234'])).toBe(
      `key=${REDACTED} url=https://u:${REDACTED}@h`,
    );
  });
});
