import { ConfigError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { parseTarget, poolConfig } from './connection-target.js';

const OPTIONS = { schema: 's', poolSize: 1, connectTimeoutMs: 1, idleInTransactionTimeoutMs: 100 };

describe('the connection target', () => {
  it('leaves TLS off for a server on this machine and verifies it for any other by default', () => {
    expect(parseTarget('postgres://u@127.0.0.1/db').sslMode).toBe('disable');
    expect(parseTarget('postgres://u@localhost/db').sslMode).toBe('disable');
    expect(parseTarget('postgres://u@[::1]:6432/db').sslMode).toBe('disable');
    expect(parseTarget('postgres://u@db.internal/db').sslMode).toBe('verify-full');
    expect(parseTarget('postgres://u@10.0.0.5/db').sslMode).toBe('verify-full');
  });

  it('reads sslmode from the URL, and the ssl option wins over it', () => {
    expect(parseTarget('postgres://u@db.internal/db?sslmode=require').sslMode).toBe('require');
    expect(parseTarget('postgres://u@db.internal/db?sslmode=require', { mode: 'verify-full' }).sslMode).toBe(
      'verify-full',
    );
    expect(() => parseTarget('postgres://u@db.internal/db?sslmode=prefer')).toThrow(
      /sslmode=prefer is not supported/,
    );
  });

  it('verifies the certificate in verify-full, and refuses a CA file it cannot read', () => {
    const target = parseTarget('postgres://u@db.internal/db');
    const ssl = poolConfig(target, OPTIONS).ssl;
    expect(ssl).toMatchObject({ rejectUnauthorized: true, servername: 'db.internal' });
    const missing = parseTarget('postgres://u@db.internal/db', { caFile: '/nonexistent/ca.pem' });
    expect(() => poolConfig(missing, OPTIONS)).toThrow(ConfigError);
    expect(() => poolConfig(missing, OPTIONS)).toThrow(/ssl\.caFile[\s\S]*\/nonexistent\/ca\.pem/);
  });

  it('shows the server without the password, and explains a URL that is not one', () => {
    const target = parseTarget('postgresql://alice:p%40ss@db.internal:6543/alerts');
    expect(target.password).toBe('p@ss');
    expect(target.display).toBe('postgres://alice@db.internal:6543/alerts');
    expect(() => parseTarget('db.internal:5432')).toThrow(/postgres:\/\//);
    expect(() => parseTarget('postgres://u@db.internal')).toThrow(/names no database/);
  });
});
