// The demo's worker config: the commented template, with the running sandbox's addresses written in, and the
// credentials left as `${…}` for the worker to read from its environment.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import type { Sandbox } from '../sandbox.js';

/** The generated config's file name inside the demo folder. */
export const DEMO_CONFIG_NAME = 'tqalert.yaml';

/** Files of the demo's SQLite store (the template's `path: ./tqalert.db`, with its side files). */
const STORE_FILES = ['tqalert.db', 'tqalert.db-wal', 'tqalert.db-shm', 'tqalert.db-journal'];

const PLACEHOLDER = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

// A YAML comment starts with `#` at the start of a line or after a space; the worker never reads comments, so
// `${…}` in them (the template's explanations) is left alone.
const COMMENT = /(^|\s)#.*$/;

/** Applies `change` to each line's content before its comment, leaving comments as they are. */
function mapValues(template: string, change: (content: string) => string): string {
  return template
    .split('\n')
    .map((line) => {
      const comment = COMMENT.exec(line);
      if (!comment) return change(line);
      const at = comment.index + (comment[1]?.length ?? 0);
      return change(line.slice(0, at)) + line.slice(at);
    })
    .join('\n');
}

/** Every `${NAME}` the template's values use (comments aside), in order of first appearance. */
export function placeholders(template: string): string[] {
  const names: string[] = [];
  mapValues(template, (content) => {
    for (const match of content.matchAll(PLACEHOLDER)) names.push(match[1] as string);
    return content;
  });
  return [...new Set(names)];
}

/** What the demo fills in: addresses (written into the copy) and credentials (passed as environment). */
export interface DemoValues {
  /** Not secret, and some must be numbers: written into the config as plain YAML values. */
  addresses: Record<string, string>;
  /** Secret-shaped: left as `${NAME}` in the config and given to the worker's environment. */
  secrets: Record<string, string>;
}

/** The values of the template's `TQALERT_DEMO_*` placeholders for this sandbox. */
export function demoValues(sandbox: Sandbox): DemoValues {
  const tq = sandbox.threatq.credentials;
  return {
    addresses: {
      TQALERT_DEMO_THREATQ_URL: sandbox.threatq.url,
      TQALERT_DEMO_THREATQ_EMAIL: tq.email,
      TQALERT_DEMO_THREATQ_CLIENT_ID: tq.clientId,
      TQALERT_DEMO_DATA_COLLECTION: THREATQ_DATA_COLLECTIONS.highScore,
      TQALERT_DEMO_IZOOLOGIC_URL: sandbox.izoologic.url,
      TQALERT_DEMO_SLACK_API_URL: sandbox.slack.apiUrl,
      TQALERT_DEMO_SMTP_HOST: sandbox.smtp.host,
      TQALERT_DEMO_SMTP_PORT: String(sandbox.smtp.port),
    },
    secrets: {
      TQALERT_DEMO_THREATQ_PASSWORD: tq.password,
      TQALERT_DEMO_SLACK_TOKEN: sandbox.slack.token,
      TQALERT_DEMO_SLACK_APP_TOKEN: sandbox.slack.appToken,
      TQALERT_DEMO_IZOOLOGIC_API_KEY: sandbox.izoologic.credentials.apikey,
      TQALERT_DEMO_IZOOLOGIC_SECRET_KEY: sandbox.izoologic.credentials.secretkey,
    },
  };
}

/** A value as a YAML plain scalar when it is one unambiguously (numbers, URLs, host names), else quoted. */
function yamlScalar(value: string): string {
  if (/^\d+$/.test(value)) return value;
  if (/^[A-Za-z][\w.:/@+-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value)) return value;
  return JSON.stringify(value);
}

/**
 * The template with `addresses` written in. Placeholders not in `addresses` stay for the worker to read from its
 * environment; each of them must be in `env`, or this throws naming the missing ones.
 */
export function renderDemoConfig(
  template: string,
  values: { addresses: Record<string, string>; env: Record<string, string | undefined> },
  header = '',
): string {
  const missing = placeholders(template).filter(
    (name) => !(name in values.addresses) && values.env[name] === undefined,
  );
  if (missing.length > 0) {
    throw new Error(
      `the demo config template uses ${missing.map((n) => `\${${n}}`).join(', ')}, which nothing sets: export it, or write the value in the template`,
    );
  }
  const body = mapValues(template, (content) =>
    content.replace(PLACEHOLDER, (whole, name: string) => {
      const value = values.addresses[name];
      return value === undefined ? whole : yamlScalar(value);
    }),
  );
  return header + body;
}

/**
 * Writes the demo config into `dir` (made if missing) and removes the previous run's database: every start has a
 * fresh sandbox, and a store that remembers another sandbox's objects would hold their alerts back as repeats.
 * Returns the config file's path.
 */
export function writeDemoConfig(options: {
  template: string;
  dir: string;
  addresses: Record<string, string>;
  env: Record<string, string | undefined>;
  root: string;
}): string {
  const header = [
    `# Generated by \`npm start\` from ${relative(options.root, options.template)}, with this run's sandbox`,
    '# addresses filled in. It is rewritten on every start: edit the template instead.',
    '',
  ].join('\n');
  const text = renderDemoConfig(
    readFileSync(options.template, 'utf8'),
    { addresses: options.addresses, env: options.env },
    `${header}\n`,
  );
  mkdirSync(options.dir, { recursive: true });
  for (const name of STORE_FILES) rmSync(join(options.dir, name), { force: true });
  const file = join(options.dir, DEMO_CONFIG_NAME);
  writeFileSync(file, text);
  return file;
}
