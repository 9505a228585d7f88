#!/usr/bin/env node
// `tqalert-sandbox`: only the stand-ins (no worker). Prints where they listen, as text or, with --json, as one
// JSON line a test can read from stdout; runs until SIGINT or SIGTERM.
import { parseArgs } from 'node:util';
import { THREATQ_DATA_COLLECTIONS } from '@tqalert/fixtures';
import { describeStep } from './demo/banner.js';
import { type Sandbox, type SandboxPorts, startSandbox } from './sandbox.js';

const USAGE = `Usage: tqalert-sandbox [options]

Starts local stand-ins for ThreatQ, iZoologic, Slack and SMTP on 127.0.0.1, and the inbox page that shows
what Slack and SMTP received. Runs until Ctrl-C (SIGINT) or SIGTERM. Each SIGUSR2 makes one scripted ThreatQ
change at once.

Options:
      --json                  print the addresses (and the fakes' test credentials) as one JSON line
      --activity-seconds <n>  seconds between scripted ThreatQ changes (default 5; 0 turns them off)
      --threatq-port <n>      fixed ports (default: free ports)
      --izoologic-port <n>
      --slack-port <n>
      --smtp-port <n>
      --inbox-port <n>
  -h, --help                  this help
`;

const PORT_OPTIONS = ['threatq', 'izoologic', 'slack', 'smtp', 'inbox'] as const;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      'activity-seconds': { type: 'string' },
      'threatq-port': { type: 'string' },
      'izoologic-port': { type: 'string' },
      'slack-port': { type: 'string' },
      'smtp-port': { type: 'string' },
      'inbox-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const ports: SandboxPorts = {};
  for (const name of PORT_OPTIONS) {
    const raw = values[`${name}-port`];
    if (typeof raw !== 'string') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(`--${name}-port must be a whole number from 0 to 65535, got "${raw}"`);
    }
    ports[name] = port;
  }
  const rawActivity = values['activity-seconds'];
  const activity = typeof rawActivity === 'string' ? Number(rawActivity) : 5;
  if (!Number.isFinite(activity) || activity < 0) {
    throw new Error(
      `--activity-seconds must be a number of seconds (0 turns activity off), got "${String(rawActivity)}"`,
    );
  }
  return { json: values.json === true, help: values.help === true, ports, activity };
}

/** What `--json` prints: everything a client needs to talk to the stand-ins. */
function describe(sandbox: Sandbox) {
  return {
    threatq: {
      url: sandbox.threatq.url,
      credentials: sandbox.threatq.credentials,
      dataCollections: THREATQ_DATA_COLLECTIONS,
    },
    izoologic: { url: sandbox.izoologic.url, credentials: sandbox.izoologic.credentials },
    slack: {
      url: sandbox.slack.url,
      apiUrl: sandbox.slack.apiUrl,
      token: sandbox.slack.token,
      appToken: sandbox.slack.appToken,
      user: sandbox.slack.user,
    },
    smtp: { host: sandbox.smtp.host, port: sandbox.smtp.port },
    inbox: { url: sandbox.inbox.url },
    pid: process.pid,
  };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`tqalert-sandbox: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      activityEverySeconds: args.activity > 0 ? args.activity : false,
      ports: args.ports,
      ...(args.json ? {} : { onActivity: (step) => process.stderr.write(`ThreatQ ${describeStep(step)}\n`) }),
    });
  } catch (error) {
    process.stderr.write(`tqalert-sandbox: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const info = describe(sandbox);
  if (args.json) {
    process.stdout.write(`${JSON.stringify(info)}\n`);
  } else {
    process.stdout.write(
      [
        `Inbox:      ${info.inbox.url}`,
        `ThreatQ:    ${info.threatq.url}   (login ${info.threatq.credentials.email} / ${info.threatq.credentials.password}, client id ${info.threatq.credentials.clientId})`,
        `iZoologic:  ${info.izoologic.url}`,
        `Slack API:  ${info.slack.apiUrl}   (bot token ${info.slack.token}, app token ${info.slack.appToken} for Socket Mode)`,
        `            the inbox clicks buttons and fills dialogs as @${info.slack.user.name} (${info.slack.user.id})`,
        `SMTP:       ${info.smtp.host}:${info.smtp.port}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  }
  process.on('SIGUSR2', () => {
    const step = sandbox.activity.step();
    if (!args.json) process.stderr.write(`ThreatQ ${describeStep(step)}\n`);
  });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve(name));
  });
  if (!args.json) process.stderr.write(`${signal}: stopping\n`);
  await sandbox.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`tqalert-sandbox: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
