// The banner's "use the CLI" lines: commands that work on this run's demo as printed, typed at the repository
// root (`npm run` runs the root's scripts). The e2e test in tooling/newcomer runs exactly these lines.
import type { DemoCase } from './demo-env.js';
import { shellQuote } from './demo-env.js';

/** The first notifier and service ids of a generated config (its top-level `notifiers:`/`services:` lists). */
export function firstIds(configText: string): { notifier?: string; service?: string } {
  const section = (name: string) => {
    const start = new RegExp(`^${name}:\\s*$`, 'm').exec(configText);
    if (!start) return undefined;
    const rest = configText.slice(start.index + start[0].length);
    const end = /^\S/m.exec(rest);
    const body = end ? rest.slice(0, end.index) : rest;
    return /^\s*- id:\s*([\w-]+)/m.exec(body)?.[1];
  };
  const notifier = section('notifiers');
  const service = section('services');
  return { ...(notifier ? { notifier } : {}), ...(service ? { service } : {}) };
}

/** What the hints need to know about this run. */
export interface CliHintDetails {
  /** Paths as the user types them from the repository root. */
  config: string;
  envFile: string;
  izoologic: { url: string; apiKey: string; secretKey: string };
  demoCase: DemoCase | undefined;
  ids: { notifier?: string; service?: string };
}

/** The ready-to-paste case action: complete with its connection flags, so it works in any shell. */
export function sendMessageLine(details: CliHintDetails): string | undefined {
  const c = details.demoCase;
  if (!c) return undefined;
  const { url, apiKey, secretKey } = details.izoologic;
  return [
    'npm run tqalert -- izoologic send-message',
    `--host ${url} --api-key ${shellQuote(apiKey)} --secret-key ${shellQuote(secretKey)}`,
    `--client-code ${c.clientCode} --case ${c.id} --subject "Status?" --message "Any update on the takedown?"`,
  ].join(' ');
}

/** Commands on the demo config; they need the `.env` loaded first (its secrets are `${…}` in the config). */
export function configLines(details: CliHintDetails): string[] {
  const config = `--config ${details.config}`;
  return [
    `npm run tqalert -- validate ${config}`,
    ...(details.ids.service ? [`npm run tqalert -- preview ${config} --service ${details.ids.service}`] : []),
    ...(details.ids.notifier
      ? [`npm run tqalert -- test-send ${config} --notifier ${details.ids.notifier}`]
      : []),
    `npm run tqalert -- outbox list ${config}`,
  ];
}

/** The banner's CLI section, one line each. */
export function cliHints(details: CliHintDetails): string[] {
  const send = sendMessageLine(details);
  return [
    'Use the CLI on the demo (in another terminal, at the repository root):',
    ...(send ? [`  ${send}`] : []),
    `  set -a; . ${details.envFile}; set +a    # the demo's keys for the commands below (or add --dotenv ${details.envFile})`,
    ...configLines(details).map((line) => `  ${line}`),
  ];
}
