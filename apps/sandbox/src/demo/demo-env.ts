// The demo's connection settings for the CLI: `.tqalert/demo/.env` (git-ignored), loaded into a shell with
// `set -a; . .tqalert/demo/.env; set +a`, so `tqalert` finds the stand-ins and the example config's secrets.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sandbox } from '../sandbox.js';

/** The file's name inside the demo folder. */
export const DEMO_ENV_NAME = '.env';

/** An iZoologic case the stand-in holds, for the banner's ready-to-paste case action. */
export interface DemoCase {
  id: string;
  clientCode: string;
}

/** The first case of the iZoologic stand-in, preferring an incident (type 6): every action applies to one. */
export function demoCase(sandbox: Sandbox): DemoCase | undefined {
  const cases = [...sandbox.izoologic.fake.state.cases.values()];
  const chosen = cases.find((c) => c.caseType === 6) ?? cases[0];
  return chosen ? { id: chosen.id, clientCode: chosen.clientCode } : undefined;
}

/**
 * Every variable the CLI needs for the demo: the example config's secrets (the worker gets them the same way),
 * the iZoologic stand-in (`IZOOLOGIC_*`) and the ThreatQ stand-in (`THREATQ_*`, for `--threatq-object`).
 */
export function demoEnv(sandbox: Sandbox, secrets: Record<string, string>): Record<string, string> {
  const tq = sandbox.threatq.credentials;
  const chosen = demoCase(sandbox);
  return {
    ...secrets,
    IZOOLOGIC_HOST: sandbox.izoologic.url,
    IZOOLOGIC_API_KEY: sandbox.izoologic.credentials.apikey,
    IZOOLOGIC_SECRET_KEY: sandbox.izoologic.credentials.secretkey,
    ...(chosen ? { IZOOLOGIC_CLIENT_CODE: chosen.clientCode } : {}),
    THREATQ_URL: sandbox.threatq.url,
    THREATQ_EMAIL: tq.email,
    THREATQ_PASSWORD: tq.password,
    THREATQ_CLIENT_ID: tq.clientId,
  };
}

/** A POSIX shell word: single-quoted, with single quotes inside closed, escaped and reopened. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The `.env` text: one `NAME='value'` a line, readable by `sh`'s `.` and by dotenv-style loaders alike. */
export function renderDemoEnv(vars: Record<string, string>): string {
  return [
    '# Written by `npm start` for this run of the sandbox; rewritten on every start (git-ignored).',
    '# Load it into a shell to use the CLI on the demo:  set -a; . .tqalert/demo/.env; set +a',
    ...Object.entries(vars).map(([name, value]) => `${name}=${shellQuote(value)}`),
    '',
  ].join('\n');
}

/** Writes `.env` into the demo folder, readable by its owner only (it holds the stand-ins' keys). */
export function writeDemoEnv(dir: string, vars: Record<string, string>): string {
  const file = join(dir, DEMO_ENV_NAME);
  writeFileSync(file, renderDemoEnv(vars), { mode: 0o600 });
  // `mode` applies only when the file is created: a previous run's file keeps its own.
  chmodSync(file, 0o600);
  return file;
}
