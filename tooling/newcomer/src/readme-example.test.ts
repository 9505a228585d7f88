// 15.4: the root README's "Compose it in code" example, exactly as the README shows it, compiled with tsc and
// run with node against the ThreatQ and Slack fakes served on loopback, as a reader would run it against the
// sandbox.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createSlackFake,
  createThreatQFake,
  type ServedFake,
  type SlackFake,
  serve,
  type ThreatQFake,
} from '@tqalert/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks } from './markdown-blocks.js';
import { runProcess } from './run-process.js';

// Inside this package, so the example's imports resolve to the workspace's packages as they would from npm.
const WORK = fileURLToPath(new URL('../node_modules/.cache/readme-example/', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

let threatq: ServedFake<ThreatQFake>;
let slack: ServedFake<SlackFake>;

beforeAll(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const [example] = codeBlocks('README.md', '## Compose it in code', 'ts');
  writeFileSync(join(WORK, 'example.ts'), example as string);
  // What the README asks for: an ESM project with typescript and @types/node.
  writeFileSync(join(WORK, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(WORK, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        module: 'nodenext',
        strict: true,
        types: ['node'],
        skipLibCheck: true,
        outDir: 'dist',
      },
      files: ['example.ts'],
    }),
  );
  threatq = await serve((baseUrl) =>
    createThreatQFake({ baseUrl, watched: ['indicators:4', 'indicators:5'] }),
  );
  slack = await serve((baseUrl) => createSlackFake({ baseUrl: `${baseUrl}/api/` }));
});

afterAll(async () => {
  await threatq?.close();
  await slack?.close();
});

/** Runs the compiled example with the environment the README names, aimed at the served fakes. */
function runExample() {
  const { privateClientId, clientSecret } = threatq.fake.credentials;
  return runProcess(process.execPath, [join(WORK, 'dist', 'example.js')], {
    cwd: WORK,
    env: {
      THREATQ_URL: threatq.url,
      TQ_CLIENT_ID: privateClientId,
      TQ_CLIENT_SECRET: clientSecret,
      SLACK_BOT_TOKEN: slack.fake.token,
      SLACK_API_URL: `${slack.url}/api/`,
    },
  });
}

describe("the root README's code example", () => {
  it('15.4 compiles with tsc as written (strict, with @types/node)', async () => {
    const compiled = await runProcess(process.execPath, [TSC, '-p', WORK], { cwd: WORK, timeoutMs: 60_000 });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('15.4 its first run alerts in Slack and prints the report; exit 0', async () => {
    const run = await runExample();
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('watched: fetched 2, sent 2, failed 0\n');
    expect(run.code).toBe(0);
    // The README's channels, and the user's DM.
    const channels = new Set(slack.fake.state.messages.map((m) => m.channel));
    expect(channels).toEqual(new Set(['C0GENERAL01', 'C0TQALERTS1', 'D0ZACH00001']));
  });

  it('15.4 a failed delivery is printed with its reason and the exit code is 1', async () => {
    slack.fake.faults.serverError(50, 503, { method: 'chat.postMessage' });
    try {
      const run = await runExample();
      expect(run.stdout).toBe('watched: fetched 2, sent 0, failed 1\n');
      expect(run.stderr).toMatch(/^ {2}send failed: .+/);
      expect(run.code).toBe(1);
    } finally {
      slack.fake.faults.reset();
    }
  });
});
