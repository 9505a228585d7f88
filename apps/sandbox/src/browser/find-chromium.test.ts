import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, requireChromium } from './find-chromium.js';

const dir = mkdtempSync(join(tmpdir(), 'find-chromium-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  it('uses CHROMIUM_PATH when it points at an executable', () => {
    const fake = join(dir, 'my-chromium');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    expect(findChromium({ CHROMIUM_PATH: fake })).toBe(fake);
  });

  it('says what is wrong when CHROMIUM_PATH is not executable, instead of falling back silently', () => {
    const missing = join(dir, 'nope');
    expect(findChromium({ CHROMIUM_PATH: missing })).toBeUndefined();
    expect(() => requireChromium({ CHROMIUM_PATH: missing })).toThrow(
      /CHROMIUM_PATH=.*nope is not an executable/,
    );
  });

  it('finds the Chromium that scripts/ensure-chromium.sh installed', () => {
    expect(requireChromium({})).toMatch(/^\/usr\/bin\/chromium/);
  });
});
