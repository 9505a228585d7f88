import { describe, expect, it } from 'vitest';
import { checkThreatQLink, threatqOrigin } from './threatq-link.js';

describe('checkThreatQLink', () => {
  const origin = threatqOrigin('https://threatq.example.com/');

  it('11.23 trusts only links on the configured ThreatQ origin', () => {
    expect(checkThreatQLink('https://threatq.example.com/indicators/1/details', origin)).toEqual({
      kind: 'threatq',
      url: 'https://threatq.example.com/indicators/1/details',
    });
    expect(checkThreatQLink('https://threatq.example.com.evil.io/x', origin)).toEqual({
      kind: 'foreign',
      url: 'https://threatq.example.com.evil.io/x',
      text: 'hxxps://threatq[.]example[.]com[.]evil[.]io/x',
    });
    expect(checkThreatQLink('http://threatq.example.com/x', origin)?.kind).toBe('foreign');
  });

  it('never shows a link that is not http(s), and trusts any web link when no origin is configured', () => {
    expect(checkThreatQLink('javascript:alert(1)', origin)).toBeUndefined();
    expect(checkThreatQLink(undefined, origin)).toBeUndefined();
    expect(checkThreatQLink('https://anything.example/x', undefined)?.kind).toBe('threatq');
  });

  it('names a ThreatQ address that is not a web URL', () => {
    expect(() => threatqOrigin('ftp://tq.example')).toThrow(
      /must be an http\(s\) URL, got "ftp:\/\/tq.example"/,
    );
  });
});
