import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, Redactor } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from './command.js';
import { threatqFrom } from './connections.js';
import { Output } from './output.js';

// A folder without tqalert.yaml, so only the environment below decides the connection.
const cwd = mkdtempSync(join(tmpdir(), 'tqalert-connections-'));

function contextWith(threatqUrl: string): CommandContext {
  const env = {
    THREATQ_URL: threatqUrl,
    THREATQ_CLIENT_ID: 'cli',
    THREATQ_CLIENT_SECRET: 'cli-secret-value',
  };
  const redactor = new Redactor();
  return { values: {}, positionals: [], out: new Output({ json: false, env }, redactor), env, cwd, redactor };
}

describe('threatqFrom: plain http only to loopback', () => {
  it('11.13 refuses http:// to a host that only starts like a loopback address', async () => {
    for (const url of ['http://127.0.0.1.nip.io:8080', 'http://127.evil.example']) {
      const error = await threatqFrom(contextWith(url), new Redactor()).catch((caught: unknown) => caught);
      expect(ConfigError.isInstance(error), url).toBe(true);
      expect((error as Error).message).toContain('tokens would cross the network in clear text');
    }
  });

  it('11.13 allows http:// to a loopback address such as a local sandbox', async () => {
    const client = await threatqFrom(contextWith('http://127.0.0.2:8080'), new Redactor());
    expect(client).toBeDefined();
  });
});
