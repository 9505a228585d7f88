import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const PLUGINS = fileURLToPath(new URL('../../../worker/test/plugins/', import.meta.url));
/** `${NAME}` as the config file spells it. */
const ref = (name: string) => `\${${name}}`;

/** A folder with a JSON config: the list-source service routed to the file notifier. */
function folder(
  notifierOptions: Record<string, unknown> = {},
  alerts: unknown[] = [],
): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-sec-'));
  writeFileSync(join(dir, 'alerts.json'), JSON.stringify(alerts));
  const config = join(dir, 'tqalert.json');
  writeFileSync(
    config,
    JSON.stringify({
      store: { use: 'memory' },
      notifiers: [
        {
          id: 'out',
          use: join(PLUGINS, 'file-notifier.mjs'),
          options: { file: join(dir, 'out.jsonl'), ...notifierOptions },
        },
      ],
      services: [
        {
          id: 'feed',
          use: join(PLUGINS, 'list-source.mjs'),
          every: '1h',
          options: { file: join(dir, 'alerts.json') },
          routes: [{ notify: ['out'] }],
        },
      ],
    }),
  );
  return { dir, config };
}

describe('what the CLI prints', () => {
  it('11.6 the output scrubber learns the secrets a command registers from its config', async () => {
    const secret = 'hooks-T0001-B0002-s3cr3tpath';
    const { config } = folder({ destinations: [ref('PAGER_HOOK')] });
    const env = { PAGER_HOOK: secret };
    const text = await runCli(['test-send', '--config', config, '--notifier', 'out'], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('sent to [REDACTED]');
    const json = await runCli(['test-send', '--config', config, '--notifier', 'out', '--json'], { env });
    expect(json.code).toBe(0);
    expect(`${text.stdout}${text.stderr}${json.stdout}${json.stderr}`).not.toContain(secret);
  });

  it('11.8 escape sequences, control and bidi characters from upstream text never reach the terminal', async () => {
    const title = 'Evil \u001b]0;owned\u0007\u001b[2J\u001b[31mred\u001b[0m \u202emoc.elgoog\u202c\u0008 end';
    const { config } = folder({}, [
      {
        id: 'a1',
        type: 'DATA_COLLECTION',
        service: 'feed',
        title,
        object: { collection: 'indicators', id: 1, value: '198.51.100.1' },
        occurredAt: '2026-11-23T10:00:00Z',
      },
    ]);
    const r = await runCli(['run', '--once', '--dry-run', '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ out main: Evil red moc.elgoog end');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters.
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('which config file the CLI reads', () => {
  it('11.7 a tqalert.yaml in the working folder is not read: outbox list asks for --config (exit 2) and its plugin never runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-sec-'));
    const marker = join(dir, 'plugin-ran');
    writeFileSync(
      join(dir, 'evil-store.mjs'),
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default {};\n`,
    );
    writeFileSync(join(dir, 'tqalert.yaml'), 'store: { use: ./evil-store.mjs }\n');
    const r = await runCli(['outbox', 'list'], { cwd: dir, env: { TQALERT_CONFIG: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('needs a worker config: pass --config <file> or set TQALERT_CONFIG');
    expect(existsSync(marker)).toBe(false);
  });

  it('11.7 a case action does not take the iZoologic host from a tqalert.yaml in the working folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-sec-'));
    writeFileSync(
      join(dir, 'tqalert.yaml'),
      'izoologic: { host: "http://127.0.0.1:9", apiKey: folder-key, secretKey: folder-secret }\n',
    );
    const r = await runCli(['izoologic', 'mark-reviewed', '--case', 'INC1'], {
      cwd: dir,
      env: {
        TQALERT_CONFIG: '',
        IZOOLOGIC_HOST: '',
        IZOOLOGIC_API_KEY: 'env-key-1234',
        IZOOLOGIC_SECRET_KEY: 'env-secret-1234',
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('iZoologic connection incomplete: set --host (or IZOOLOGIC_HOST)');
  });

  it('11.7 the config used is named on stderr, and --json stdout stays one JSON document', async () => {
    const { config } = folder();
    const r = await runCli(['validate', '--config', config, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`using config ${config}`);
    expect(r.json()).toMatchObject({ ok: true, file: config });
    const viaEnv = await runCli(['validate'], { env: { TQALERT_CONFIG: config } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stderr).toContain(`using config ${config}`);
  });
});

describe('plugins the CLI loads', () => {
  it('11.1 tqalert outbox list uses the worker’s own sqlite store, not a fake @tqalert/store-sqlite above the config', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tqalert-cli-sec-'));
    const marker = join(root, 'impostor-ran');
    const fake = join(root, 'node_modules', '@tqalert', 'store-sqlite');
    mkdirSync(fake, { recursive: true });
    writeFileSync(
      join(fake, 'package.json'),
      '{"name":"@tqalert/store-sqlite","type":"module","main":"i.js"}',
    );
    writeFileSync(
      join(fake, 'i.js'),
      `import fs from 'node:fs'; fs.writeFileSync(${JSON.stringify(marker)}, '1');`,
    );
    const dir = join(root, 'ops', 'tqalert');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tqalert.yaml'), 'store: { use: sqlite, options: { path: ./state.db } }\n');
    const r = await runCli(['outbox', 'list', '--config', join(dir, 'tqalert.yaml')]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outbox is empty');
    expect(existsSync(marker)).toBe(false);
  });
});
