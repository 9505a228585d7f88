import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGENERATE, renderPluginOptionsReference } from './plugin-options-reference.js';

const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));
const REFERENCE = new URL('../../PLUGIN-OPTIONS.md', import.meta.url);

describe('PLUGIN-OPTIONS.md, the generated plugin options reference', () => {
  it(`15.10 is what the plugins' schemas make today (else: ${REGENERATE})`, async () => {
    const fresh = await renderPluginOptionsReference(PACKAGE_DIR);
    expect(readFileSync(REFERENCE, 'utf8'), `PLUGIN-OPTIONS.md is out of date: run ${REGENERATE}`).toBe(
      fresh,
    );
  });

  it('15.10 lists the options people look for, with their types, required marks and defaults', async () => {
    const text = await renderPluginOptionsReference(PACKAGE_DIR);
    for (const heading of [
      'service `watchlist`',
      'service `data-collection`',
      'notifier `slack`',
      'notifier `email`',
      'notifier `webhook`',
      'formatter `slack`',
      'formatter `email`',
      'store `sqlite`',
    ])
      expect(text).toContain(`## ${heading}\n`);
    // Columns: option | type | required | default | meaning (padded to one width).
    const row = (option: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`| \`${option}\` `));
      return line
        ?.split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((c) => c.trim());
    };
    expect(row('hash')).toEqual([
      '`hash`',
      'string',
      'yes',
      '',
      expect.stringMatching(/^The data collection's hash/),
    ]);
    expect(row('slackApiUrl')?.slice(0, 4)).toEqual(['`slackApiUrl`', 'string', '', '']);
    expect(row('firstRun')?.slice(0, 4)).toEqual([
      '`firstRun`',
      '"baseline" \\| "alert"',
      '',
      '`"baseline"`',
    ]);
  });
});
