// 15.2: the CLI reads the demo's `.env` (or any dotenv file) with --dotenv or $TQALERT_ENV_FILE, so a shell
// without `set -a; . file` (fish, PowerShell, a script) can use the demo config's secrets too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/** `${NAME}`, written so that it is plainly not a mistaken template literal. */
const ph = (name: string) => `\${${name}}`;

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-env-file-'));
  const config = join(dir, 'tqalert.yaml');
  writeFileSync(
    config,
    [
      'store: { use: sqlite, options: { path: ./state.db } }',
      'notifiers:',
      `  - { id: soc, use: slack, options: { token: "${ph('DEMO_SLACK_TOKEN')}", channelNames: ["#tq-alerts"] } }`,
    ].join('\n'),
  );
  writeFileSync(join(dir, '.env'), "# written by npm start\nDEMO_SLACK_TOKEN='xoxb-from-the-file'\n");
  return { dir, config };
}

const env = { DEMO_SLACK_TOKEN: undefined, TQALERT_ENV_FILE: undefined };

describe('--dotenv', () => {
  it('15.2 fills in the variables a config needs, from the flag or $TQALERT_ENV_FILE', async () => {
    const { dir, config } = setup();
    const without = await runCli(['validate', '--config', config], { env });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('DEMO_SLACK_TOKEN is not set');
    const flag = await runCli(['validate', '--config', config, '--dotenv', '.env'], { env, cwd: dir });
    expect(flag.stderr.trim()).toBe(`using config ${config}`);
    expect(flag.code).toBe(0);
    const variable = await runCli(['validate', '--config', config], {
      env: { ...env, TQALERT_ENV_FILE: join(dir, '.env') },
    });
    expect(variable.code, variable.stderr).toBe(0);
  });

  it('15.2 a missing file is a usage error that says where the demo writes it', async () => {
    const { config } = setup();
    const result = await runCli(['validate', '--config', config, '--dotenv', '/nonexistent/.env'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--dotenv: cannot read /nonexistent/.env (ENOENT)');
  });
});
