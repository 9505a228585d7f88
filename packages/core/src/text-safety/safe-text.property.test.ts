import { describe, expect, it } from 'vitest';
import { defangIndicator, defangText, safeText } from './safe-text.js';
import { createEscaper } from './text-escaper.js';

// Pieces of indicators and of text around them, glued at random (a fixed seed: the same strings every run).
const PIECES = [
  'a',
  'e',
  'f',
  'X',
  '1',
  '9',
  '255',
  '.',
  ':',
  '/',
  '@',
  '-',
  '_',
  '%',
  '+',
  ' ',
  '\n',
  '(',
  ')',
];
const MORE = [
  'http',
  'https://',
  'www.',
  '.com',
  '.io',
  '::',
  '[.]',
  '<',
  '>',
  '&',
  '\u202E',
  'é',
  '0x',
  'evil',
];
const ALPHABET = [...PIECES, ...MORE];

function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: next(16) }, () => ALPHABET[next(ALPHABET.length)]).join(''),
  );
}

const LIVE = [
  ['a URL scheme', /(^|[^a-z])(https?|ftps?|sftp):\/\/[^\s/]/i],
  ['a bidi control', /[\u202A-\u202E]/],
  [
    'a dotted quad',
    /(^|[^0-9.[\]])(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![0-9a-z]|\.\d)/i,
  ],
  ['a .com or .io host', /(^|[^a-z0-9.\-\]_%+])[a-z0-9][a-z0-9-]*\.(com|io)(?![a-z0-9-])/i],
] as const;

describe('safeText on random text', () => {
  const entities = createEscaper(
    '&<>',
    (text, i) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[text[i] ?? ''],
  );

  it('11.4 leaves nothing live: no scheme, bidi control, address or host of a listed TLD', () => {
    const found: string[] = [];
    for (const text of randomTexts(20_000, 7)) {
      for (const out of [defangText(text), safeText(text, { escaper: entities }), defangIndicator(text)]) {
        for (const [what, pattern] of LIVE) {
          if (pattern.test(out)) found.push(`${JSON.stringify(text)} → ${JSON.stringify(out)}: ${what}`);
        }
      }
    }
    expect(found.slice(0, 5)).toEqual([]);
  });
});
