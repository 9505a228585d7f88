import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackUrl } from './loopback.js';

describe('isLoopbackHost', () => {
  it('11.13 parses the address: host names that merely start like 127.x are not loopback', () => {
    for (const host of [
      '127.evil.example',
      '127.0.0.1.nip.io',
      '127.0.0.1.evil.example',
      'localhost.evil.example',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('11.13 accepts the whole of 127.0.0.0/8, ::1 in any spelling, and localhost', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      '127.255.255.255',
      'localhost',
      'LOCALHOST',
      '::1',
      '[::1]',
    ])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0:0:0:0:0:0:0:1', '[0::1]', '::ffff:127.0.0.1', '[::ffff:7f00:1]'])
      expect(isLoopbackHost(host), host).toBe(true);
  });

  it('11.13 refuses every other address, including near misses', () => {
    for (const host of [
      '128.0.0.1',
      '10.0.0.1',
      '0.0.0.0',
      '::',
      '::2',
      '[::ffff:8.8.8.8]',
      '1::1',
      '127.0.0.256',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
    for (const host of ['', '127', '127.0.0', '0127.0.0.1', '::1::', '[::1', 'fe80::1%lo', 'example.com'])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('isLoopbackUrl', () => {
  it('11.13 judges the host of a URL, after the URL parser normalises it', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8080/api')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:3000')).toBe(true);
    expect(isLoopbackUrl(new URL('http://localhost/'))).toBe(true);
    // WHATWG shorthand: `127.1` is 127.0.0.1 to every client that would connect.
    expect(isLoopbackUrl('http://127.1/')).toBe(true);
    expect(isLoopbackUrl('http://127.evil.example/')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.nip.io:8080/')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1@evil.example/')).toBe(false);
  });

  it('11.13 answers false for text that is not a URL', () => {
    expect(isLoopbackUrl('127.0.0.1')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
