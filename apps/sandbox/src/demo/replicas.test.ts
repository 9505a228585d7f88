import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_FILE } from './demo-paths.js';
import { useSharedStore } from './replicas.js';

describe('npm start -- --replicas', () => {
  it('points the demo config at the shared PostgreSQL and gives every replica a lane', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tqalert-replicas-')), 'tqalert.yaml');
    copyFileSync(TEMPLATE_FILE, file);
    useSharedStore(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(
      /^store:\n {2}use: postgres\n {2}options:\n {4}url: \$\{TQALERT_DEMO_DATABASE_URL\}/m,
    );
    expect(text).not.toMatch(/use: sqlite/);
    expect(text).toContain('channelNames: ["#tq-alerts", "#general"]');
  });

  it('says what it cannot find instead of running replicas on separate SQLite files', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tqalert-replicas-')), 'tqalert.yaml');
    writeFileSync(file, 'store: { use: sqlite }\n');
    expect(() => useSharedStore(file)).toThrow(/cannot find the example's "store: use: sqlite" block/);
  });
});
