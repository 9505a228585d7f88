import type { Command } from '../cli/command.js';

/** Every command, with a lazy loader so `tqalert --version` imports nothing heavy. */
export const COMMANDS: Array<{ path: string[]; summary: string; load: () => Promise<{ default: Command }> }> =
  [
    {
      path: ['izoologic', 'send-message'],
      summary: 'send a message to the iZoologic team about a case',
      load: () => import('./izoologic/send-message.js'),
    },
    {
      path: ['izoologic', 'approve-takedown'],
      summary: 'approve incident cases for takedown',
      load: () => import('./izoologic/approve-takedown.js'),
    },
    {
      path: ['izoologic', 'mark-reviewed'],
      summary: 'mark cases as reviewed',
      load: () => import('./izoologic/mark-reviewed.js'),
    },
    {
      path: ['izoologic', 'move-case'],
      summary: 'move a case to another case type',
      load: () => import('./izoologic/move-case.js'),
    },
    {
      path: ['actions', 'list'],
      summary: 'the audit trail of iZoologic case actions',
      load: () => import('./actions.js'),
    },
    {
      path: ['email', 'send'],
      summary: 'send a free-form email over SMTP',
      load: () => import('./email-send.js'),
    },
    {
      path: ['validate'],
      summary: 'check a worker config: every error at once, with paths',
      load: () => import('./validate.js'),
    },
    {
      path: ['preview'],
      summary: 'render a service’s alerts as Slack Block Kit and email',
      load: () => import('./preview.js'),
    },
    {
      path: ['test-send'],
      summary: 'send a sample alert through one notifier',
      load: () => import('./test-send.js'),
    },
    {
      path: ['run'],
      summary: 'run every service once and deliver (like the worker’s --once)',
      load: () => import('./run.js'),
    },
    {
      path: ['backfill'],
      summary: 'replay a service over a past period, with progress',
      load: () => import('./backfill.js'),
    },
    {
      path: ['outbox', 'list'],
      summary: 'list deliveries waiting in the outbox',
      load: () => import('./outbox.js'),
    },
    {
      path: ['outbox', 'retry'],
      summary: 'make pending deliveries due now',
      load: () => import('./outbox.js'),
    },
    {
      path: ['outbox', 'purge'],
      summary: 'delete deliveries from the outbox',
      load: () => import('./outbox.js'),
    },
    {
      path: ['dead-letters', 'list'],
      summary: 'list dead letters with their reasons',
      load: () => import('./dead-letters.js'),
    },
    {
      path: ['dead-letters', 'replay'],
      summary: 'put dead deliveries back in the outbox',
      load: () => import('./dead-letters.js'),
    },
    {
      path: ['silence', 'add'],
      summary: 'mute matching alerts until a time',
      load: () => import('./silence.js'),
    },
    { path: ['silence', 'list'], summary: 'list silences', load: () => import('./silence.js') },
    { path: ['silence', 'expire'], summary: 'end a silence now', load: () => import('./silence.js') },
  ];
