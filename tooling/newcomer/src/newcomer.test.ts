// The newcomer's first hour, end to end: `npm start`'s demo (the real start-demo script: sandbox on free loopback
// ports, the real worker), then every CLI line its banner prints and every line of the CLI README's "Try it on
// the demo", typed through the documented command (`npm run tqalert -- …`) at the repository root. The READMEs
// and the banner cannot drift from what works.
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from './demo-process.js';
import { codeBlocks, REPO_ROOT } from './markdown-blocks.js';
import { runProcess } from './run-process.js';

// Inside the repository's git-ignored `.tqalert/`, as `npm start` does, so paths print relative to the root.
const DEMO_DIR = join(REPO_ROOT, '.tqalert', `e2e-${process.pid}`);
const DEMO_REL = relative(REPO_ROOT, DEMO_DIR);
let demo: Demo | undefined;

beforeAll(async () => {
  demo = await startDemo(DEMO_DIR);
});

afterAll(async () => {
  if (demo && (await demo.stop()) === 'timeout') demo.child.kill('SIGKILL');
  rmSync(DEMO_DIR, { recursive: true, force: true });
});

/** What each command must print on success, by its first words. */
const EXPECTED: Array<[RegExp, RegExp]> = [
  [/^npm run tqalert -- izoologic send-message /, /✓ Send Case Message: /],
  [/^npm run tqalert -- validate /, /is valid: \d+ service\(s\) \[watchlist, high-score/],
  [/^npm run tqalert -- preview .*--sample/, /^# slack-soc: Slack, \d+ messages? /m],
  // Live: whatever ThreatQ changed since the worker's last poll, through the config's routes.
  [
    /^npm run tqalert -- preview /,
    /^watchlist: \d+ alert\(s\) from ThreatQ now; \d+ message\(s\) would be sent/m,
  ],
  [/^npm run tqalert -- test-send /, /✓ sent to C0TQALERTS1 \(1 part\)/],
  [/^npm run tqalert -- outbox list /, /^(outbox is empty|\d+\t)/m],
  [/^npm run tqalert-worker -- .*--check/, /^config ok: /m],
];

/** Runs one line in `sh` at the repository root, after `prelude` (the `.env` line), as a user would. */
async function typed(line: string, prelude = '') {
  const run = await runProcess('sh', ['-c', `${prelude}\n${line}`], { cwd: REPO_ROOT, timeoutMs: 45_000 });
  const expected = EXPECTED.find(([command]) => command.test(line))?.[1];
  return { ...run, expected, line };
}

/** Every command line of a block; `set -a; . …` lines are the prelude of the lines after them. */
async function runLines(lines: string[]) {
  let prelude = '';
  const results = [];
  for (const line of lines) {
    if (line.startsWith('set -a;')) {
      prelude = line;
      continue;
    }
    results.push(await typed(line, prelude));
  }
  return results;
}

function expectWorked(result: Awaited<ReturnType<typeof typed>>) {
  const printed = `${result.line}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
  expect(result.code, printed).toBe(0);
  expect(result.expected, `no expectation for: ${result.line}`).toBeDefined();
  expect(result.stdout, printed).toMatch(result.expected as RegExp);
}

describe('a newcomer on a fresh clone', () => {
  it('npm start prints the iZoologic stand-in with its keys and where the CLI finds them', () => {
    expect(demo?.banner('iZoologic:')).toMatch(/^http:\/\/127\.0\.0\.1:\d+ /);
    expect(demo?.output()).toMatch(/API key \S+ {3}secret key \S+ {3}client code \w+/);
    expect(demo?.banner('CLI keys:')).toMatch(new RegExp(`^${DEMO_REL}/\\.env `));
  });

  it("every CLI line of npm start's banner works as printed", async () => {
    const lines = demo?.cliLines() ?? [];
    expect(lines.filter((line) => line.startsWith('npm run tqalert -- izoologic send-message'))).toHaveLength(
      1,
    );
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const results = await runLines(lines.map((line) => line.replace(/\s+#.*$/, '')));
    for (const result of results) expectWorked(result);
  });

  it('every line of the CLI README\'s "Try it on the demo" works as written', async () => {
    const [block] = codeBlocks('apps/cli/README.md', '## Try it on the demo', 'sh');
    const lines = (block as string)
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.replaceAll('.tqalert/demo/', `${DEMO_REL}/`));
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const results = await runLines(lines);
    for (const result of results) expectWorked(result);
    // The test send reached the Slack stand-in, and the inbox shows it.
    const inbox = demo?.banner('Inbox:')?.split(/\s/)[0];
    const snapshot = (await (await fetch(`${inbox}/api/messages`)).json()) as { slack: unknown };
    expect(JSON.stringify(snapshot.slack)).toContain('[TEST]');
  });

  it('Ctrl-C stops the demo with exit code 0', async () => {
    expect(await demo?.stop()).toBe(0);
  });
});
