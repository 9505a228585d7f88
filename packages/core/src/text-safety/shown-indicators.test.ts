import { describe, expect, it } from 'vitest';
import { defangIndicator, prepareSafeText, safeText } from './safe-text.js';
import { createEscaper } from './text-escaper.js';

// Own indicators that no rule would defang on their own (`zz` is no public suffix), so only the own-indicator
// path can defang them in text.
const OWN = ['a1.zz', 'b2.zz', 'c3.zz', 'd4.zz', 'e5.zz', 'f6.zz'];
const upper = createEscaper('z', () => 'Z');

describe('own indicators shown in text', () => {
  it('defangs each of more own indicators than the scanner remembers, every time, in any order', () => {
    const prepared = prepareSafeText({ indicators: OWN });
    for (let round = 0; round < 3; round++) {
      for (const order of [OWN, [...OWN].reverse()]) {
        const text = order.join(' then ');
        expect(safeText(text, prepared)).toBe(order.map(defangIndicator).join(' then '));
      }
    }
  });

  it('shows an indicator escaped by the escaper of the text it is in, not by one used before', () => {
    const plain = prepareSafeText({ indicators: ['a1.zz'] });
    const escaped = prepareSafeText({ indicators: ['a1.zz'], escaper: upper });
    expect(safeText('see a1.zz', plain)).toBe('see a1[.]zz');
    expect(safeText('see a1.zz', escaped)).toBe('see a1[.]ZZ');
    expect(safeText('see a1.zz', plain)).toBe('see a1[.]zz');
  });

  it('shares the shown form between escapers only when neither would change the indicator', () => {
    const underscore = createEscaper('_', () => '\\_');
    const plain = prepareSafeText({ indicators: ['ab_c.zz', 'abc.zz'] });
    const escaped = prepareSafeText({ indicators: ['ab_c.zz', 'abc.zz'], escaper: underscore });
    expect(safeText('ab_c.zz and abc.zz', plain)).toBe('ab_c[.]zz and abc[.]zz');
    expect(safeText('ab_c.zz and abc.zz', escaped)).toBe('ab\\_c[.]zz and abc[.]zz');
    expect(safeText('ab_c.zz and abc.zz', plain)).toBe('ab_c[.]zz and abc[.]zz');
  });
});
