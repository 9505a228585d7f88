import { describe, expect, it } from 'vitest';
import { isPublicSuffix } from './public-suffix.js';

describe('isPublicSuffix', () => {
  it('knows country codes, common generic TLDs, punycode and special-use names, in any case', () => {
    for (const label of ['com', 'UK', 'ru', 'io', 'xyz', 'onion', 'example', 'xn--p1ai']) {
      expect(isPublicSuffix(label), label).toBe(true);
    }
  });

  it('refuses file extensions and words that are not TLDs', () => {
    for (const label of ['js', 'exe', 'txt', 'html', 'then', 'x', '2'])
      expect(isPublicSuffix(label), label).toBe(false);
  });
});
