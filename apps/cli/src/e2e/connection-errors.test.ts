// 15.6: connection mistakes are explained in the terms the user typed: a host without a scheme is HTTPS, a server
// that answers plain HTTP gets "use http://", and errors name the flags (or variables) the settings came from.
import {
  createIZoologicFake,
  IZOOLOGIC_CREDENTIALS,
  type IZoologicFake,
  type ServedFake,
  serve,
} from '@tqalert/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let iz: ServedFake<IZoologicFake>;
const { apikey, secretkey } = IZOOLOGIC_CREDENTIALS;
// No connection settings from the test runner's own environment.
const clean = { IZOOLOGIC_HOST: undefined, IZOOLOGIC_API_KEY: undefined, IZOOLOGIC_SECRET_KEY: undefined };

beforeAll(async () => {
  iz = await serve((baseUrl) =>
    createIZoologicFake({
      baseUrl,
      cases: [{ id: 'INC1', caseType: 6, clientCode: 'ABC', status: 'Pending' }],
    }),
  );
});
afterAll(async () => {
  await iz?.close();
});

const send = (flags: string[], env: NodeJS.ProcessEnv = {}) =>
  runCli(
    ['izoologic', 'send-message', '--case', 'INC1', '--message', 'hi', '--client-code', 'ABC', ...flags],
    {
      env: { ...clean, ...env },
    },
  );

describe('iZoologic connection errors', () => {
  it('15.6 --host without a scheme is HTTPS; a plain-HTTP answer says to use http://', async () => {
    const hostPort = iz.url.replace('http://', '');
    const result = await send(['--host', hostPort, '--api-key', apikey, '--secret-key', secretkey]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `iZoologic at https://${hostPort} answered in plain HTTP, not HTTPS: use --host http://${hostPort}`,
    );
    expect(result.stderr).not.toMatch(/caFile|verifySsl|certificate/);
    const fixed = await send([
      '--host',
      `http://${hostPort}`,
      '--api-key',
      apikey,
      '--secret-key',
      secretkey,
    ]);
    expect(fixed.code, fixed.stderr).toBe(0);
  });

  it('15.6 refused keys are named as the flags or variables they came from', async () => {
    const flags = await send(['--host', iz.url, '--api-key', 'wrong-key', '--secret-key', secretkey]);
    expect(flags.code).toBe(1);
    expect(flags.stderr).toContain('Check --api-key and --secret-key');
    const env = await send(['--host', iz.url, '--secret-key', secretkey], { IZOOLOGIC_API_KEY: 'wrong-key' });
    expect(env.stderr).toContain('Check IZOOLOGIC_API_KEY and --secret-key');
    expect(`${flags.stderr}${env.stderr}`).not.toContain('wrong-key');
  });

  it('15.6 an unreadable --ca-file is a usage error about --ca-file', async () => {
    const result = await send([
      '--host',
      iz.url,
      '--api-key',
      apikey,
      '--secret-key',
      secretkey,
      '--ca-file',
      '/nonexistent/ca.pem',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --ca-file: cannot read "/nonexistent/ca.pem" (ENOENT)');
    expect(result.stderr).not.toContain('caFile');
  });
});
