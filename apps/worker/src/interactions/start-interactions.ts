/** Starts the worker's Slack interactions from its config and runtime: the receiver, the allow-list, the actions. */
import { WebClient } from '@slack/web-api';
import {
  ConfigError,
  isActionAuditStore,
  type Logger,
  MemoryActionAudit,
  type Redactor,
  type Store,
} from '@tqalert/core';
import { CaseActions } from '@tqalert/izoologic-actions';
import type { IZoologicClient } from '@tqalert/izoologic-client';
import type { ThreatQClient } from '@tqalert/threatq-client';
import type { Metrics } from '../ops/metrics.js';
import { AllowList } from './allow-list.js';
import { CaseInteractions, INTERACTION_OUTCOMES } from './case-interactions.js';
import { type InteractionsConfig, offeredActions } from './interactions-config.js';
import { type InteractionsReceiver, startHttpReceiver, startSocketMode } from './receivers.js';
import { DEFAULT_UPDATE_RETRY, type UpdateRetry } from './slack-calls.js';

/** What the interactions use of a running worker. */
export interface InteractionsRuntime {
  store: Store;
  clients: Record<string, unknown>;
  redactor: Redactor;
  logger: Logger;
}

/**
 * Starts receiving Slack interactions (`interactions:` in the config). Needs the config's `izoologic:` section
 * (and `threatq:` to act on ThreatQ objects and record outcomes there).
 * @throws ConfigError when `izoologic:` is missing.
 */
export async function startInteractions(
  config: InteractionsConfig,
  runtime: InteractionsRuntime,
  metrics: Metrics,
  options: { updateRetry?: UpdateRetry } = {},
): Promise<InteractionsReceiver> {
  runtime.redactor.add(config.botToken, ...(config.appToken ? [config.appToken] : []));
  if (config.signingSecret) runtime.redactor.add(config.signingSecret);
  const izoologic = runtime.clients.izoologic as IZoologicClient | undefined;
  if (izoologic === undefined) {
    throw new ConfigError([
      {
        path: 'interactions',
        message:
          'Slack case actions need the izoologic: section (host, apiKey, secretKey): add it, or remove interactions:',
      },
    ]);
  }
  const logger = runtime.logger.child({ component: 'interactions' });
  const audit = isActionAuditStore(runtime.store) ? runtime.store : new MemoryActionAudit();
  if (audit !== runtime.store) {
    logger.warn(
      'the store keeps no action audit trail: a click repeated after a restart could act again; use sqlite',
    );
  }
  const slack = new WebClient(config.botToken, {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Our own retry covers the one call that must not be lost (the message update); the others fail fast.
    retryConfig: { retries: 0 },
  });
  const actions = new CaseActions({
    izoologic,
    threatq: runtime.clients.threatq as ThreatQClient | undefined,
    audit,
    logger: logger.child({ component: 'izoologic-actions' }),
  });
  for (const action of offeredActions(config)) {
    for (const outcome of INTERACTION_OUTCOMES)
      metrics.zero('tqalert_interactions_total', { action, outcome });
    metrics.zero('tqalert_interaction_update_failures_total', { action });
  }
  const interactions = new CaseInteractions({
    slack,
    actions,
    audit,
    allow: new AllowList(config.allow, slack),
    metrics,
    logger,
    updateRetry: options.updateRetry ?? DEFAULT_UPDATE_RETRY,
    redact: (text) => runtime.redactor.text(text),
  });
  const handle = (payload: Record<string, unknown>) => interactions.handle(payload);
  const receiver =
    config.mode === 'http'
      ? await startHttpReceiver(config, handle, logger)
      : await startSocketMode(config, handle, logger);
  logger.info('receiving Slack interactions', {
    mode: config.mode,
    where: receiver.where,
    offered: offeredActions(config),
  });
  return receiver;
}
