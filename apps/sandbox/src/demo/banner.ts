// What `npm start` prints once everything runs, and the one-line summary of each scripted ThreatQ change.
import { relative } from 'node:path';
import type { ActivityStep } from '@tqalert/fixtures';
import type { Sandbox } from '../sandbox.js';
import { cliHints } from './cli-hints.js';
import type { DemoCase } from './demo-env.js';

function bold(text: string, color: boolean): string {
  return color ? `\x1b[1m${text}\x1b[22m` : text;
}

/** What the iZoologic stand-in holds and does, for the banner. */
function izoologicActivity(everyMs: number | undefined): string {
  const guide = "the guide's CASE123456 and INC123456";
  return everyMs === undefined ? guide : `${guide}; a new case or a status change every ${everyMs / 1000}s`;
}

/** The banner: the inbox URL first, then what runs where. */
export function demoBanner(
  sandbox: Sandbox,
  details: {
    config: string;
    template: string;
    root: string;
    /** The `.env` with the demo's keys for the CLI. */
    envFile: string;
    activityEverySeconds: number | false;
    color: boolean;
    /** The first notifier and service of the config, for the CLI examples. */
    ids: { notifier?: string; service?: string };
    demoCase: DemoCase | undefined;
  },
): string {
  const path = (file: string) => {
    const rel = relative(details.root, file);
    return rel.startsWith('..') ? file : rel;
  };
  const activity =
    details.activityEverySeconds === false
      ? 'off'
      : `a watched object changes and the data collections get a match every ${details.activityEverySeconds}s`;
  const izoo = sandbox.izoologic.credentials;
  const clientCode = details.demoCase ? `   client code ${details.demoCase.clientCode}` : '';
  return [
    '',
    bold('TQ Alert demo is running.', details.color),
    '',
    `  Inbox:       ${bold(sandbox.inbox.url, details.color)}   <- open this in a browser`,
    `               (its buttons and dialogs act in Slack as @${sandbox.slack.user.name})`,
    '',
    `  ThreatQ:     ${sandbox.threatq.url}   (stand-in; ${activity})`,
    `  Slack API:   ${sandbox.slack.apiUrl}   (stand-in; channel #tq-alerts)`,
    `  SMTP:        ${sandbox.smtp.host}:${sandbox.smtp.port}   (sink; accepts any mail)`,
    `  iZoologic:   ${sandbox.izoologic.url}   (stand-in; ${izoologicActivity(sandbox.izoologic.activity.everyMs)})`,
    `               API key ${izoo.apikey}   secret key ${izoo.secretkey}${clientCode}`,
    `  Worker:      tqalert-worker --config ${path(details.config)}`,
    `               (generated from ${path(details.template)}: edit that one)`,
    `  CLI keys:    ${path(details.envFile)}   (this run's addresses and keys; git-ignored)`,
    '',
    ...cliHints({
      config: path(details.config),
      envFile: path(details.envFile),
      izoologic: { url: sandbox.izoologic.url, apiKey: izoo.apikey, secretKey: izoo.secretkey },
      demoCase: details.demoCase,
      ids: details.ids,
    }),
    '',
    'Alerts start arriving within a minute. Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

/** One scripted step in a line, e.g. `indicators 2: tag phishing added; 3 data collection matches`. */
export function describeStep(step: ActivityStep): string {
  const parts: string[] = [];
  if (step.watched) parts.push(`${step.watched.collection} ${step.watched.id}: ${step.watched.detail}`);
  const matched = step.dataCollections.filter((d) => d.kind !== 'none');
  if (matched.length > 0) {
    const kinds = matched.map((d) => `${d.kind} indicator ${d.id}`).join(', ');
    parts.push(`data collections: ${kinds}`);
  }
  return `step ${step.step}: ${parts.join('; ') || 'nothing changed'}`;
}
