/**
 * Test wiring for the case interactions: the ThreatQ, iZoologic and Slack fakes behind one MSW server (unhandled
 * requests fail), the real clients, and payloads shaped as Slack sends them. The Slack fake does not answer
 * `views.open`, `chat.postEphemeral`, `users.info` or `usergroups.list` yet, so those four are answered here the
 * way Slack documents them, and recorded.
 */
import { WebClient } from '@slack/web-api';
import { type ActionAuditStore, MemoryActionAudit, silentLogger } from '@tqalert/core';
import {
  createIZoologicFake,
  createSlackFake,
  createThreatQFake,
  IZOOLOGIC_CREDENTIALS,
  IZOOLOGIC_GUIDE_CASES,
  SLACK_TOKEN,
  type SlackFake,
} from '@tqalert/fixtures';
import { type CaseButtonAction, SlackFormatter } from '@tqalert/formatter-slack';
import { CaseActions } from '@tqalert/izoologic-actions';
import { IZoologicClient } from '@tqalert/izoologic-client';
import { CASE_FIELDS, IZOOLOGIC_CASE } from '@tqalert/service-izoologic-cases';
import { ThreatQClient } from '@tqalert/threatq-client';
import { HttpResponse, http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Metrics } from '../ops/metrics.js';
import { AllowList } from './allow-list.js';
import { CaseInteractions } from './case-interactions.js';
import type { InteractionsConfig } from './interactions-config.js';

/** Slack's JSON as tests read it: loosely, field by field. */
// biome-ignore lint/suspicious/noExplicitAny: payloads and views are read field by field, as Slack documents them.
export type SlackJson = any;

export const SLACK_URL = 'https://slack.test/api/';
export const IZOO_URL = 'https://izoologic.test';
/** Event 1 of the ThreatQ fake carries this iZoologic case id. */
export const EVENT_CASE = 'IZ-2026-000101';
export const ZACH = { id: 'U0ZACH00001', username: 'zach', name: 'zach', team_id: 'T0TQALERT01' };
export const USER1 = { id: 'U0USER00001', username: 'user1', name: 'user1', team_id: 'T0TQALERT01' };
export const CHANNEL = 'C0TQALERTS1';

/** Calls answered here, by method. */
export interface SlackExtras {
  viewsOpened: Array<{ trigger_id: string; view: Record<string, SlackJson> }>;
  ephemerals: Array<{ channel: string; user: string; text: string }>;
  groups: Array<{ handle: string; users: string[] }>;
}

function form(value: unknown): unknown {
  return typeof value === 'string' && /^[[{]/.test(value) ? JSON.parse(value) : value;
}

async function params(request: Request): Promise<Record<string, SlackJson>> {
  const text = await request.text();
  const body = request.headers.get('content-type')?.includes('json')
    ? (JSON.parse(text) as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(text));
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, form(v)]));
}

function extraHandlers(slack: SlackFake, extras: SlackExtras) {
  const ok = (body: Record<string, unknown>) => HttpResponse.json({ ok: true, ...body });
  return [
    http.post(`${SLACK_URL}views.open`, async ({ request }) => {
      const p = await params(request);
      extras.viewsOpened.push({ trigger_id: p.trigger_id, view: p.view });
      return ok({
        view: { ...p.view, id: `V${extras.viewsOpened.length}`, hash: `h${extras.viewsOpened.length}` },
      });
    }),
    http.post(`${SLACK_URL}chat.postEphemeral`, async ({ request }) => {
      const p = await params(request);
      extras.ephemerals.push({ channel: p.channel, user: p.user, text: p.text });
      return ok({ message_ts: '1.000001' });
    }),
    http.post(`${SLACK_URL}users.info`, async ({ request }) => {
      const user = slack.state.findUser((await params(request)).user);
      if (!user) return HttpResponse.json({ ok: false, error: 'user_not_found' });
      return ok({
        user: {
          id: user.id,
          name: user.name,
          real_name: user.realName,
          profile: { real_name: user.realName, display_name: user.displayName, email: user.email },
        },
      });
    }),
    http.post(`${SLACK_URL}usergroups.list`, () =>
      ok({ usergroups: extras.groups.map((g, i) => ({ id: `S${i}`, handle: g.handle, users: g.users })) }),
    ),
  ];
}

/** Every fake for the test file, reset after each test. */
export function useInteractionFakes() {
  const tq = createThreatQFake();
  const iz = createIZoologicFake({
    baseUrl: IZOO_URL,
    cases: [...IZOOLOGIC_GUIDE_CASES, { id: EVENT_CASE, caseType: 6, clientCode: 'ABC', status: 'Pending' }],
  });
  const slack = createSlackFake({ baseUrl: SLACK_URL, rateLimitPerChannelPerSecond: false });
  const extras: SlackExtras = { viewsOpened: [], ephemerals: [], groups: [] };
  // The worker's own request URL on loopback is really served (HTTP mode tests); everything else is a fake.
  const loopback = http.all(/^http:\/\/127\.0\.0\.1:\d+\/slack\//, () => passthrough());
  const server = setupServer(
    loopback,
    ...extraHandlers(slack, extras),
    ...tq.handlers,
    ...iz.handlers,
    ...slack.handlers,
  );
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => {
    tq.reset();
    iz.reset();
    slack.reset();
    extras.viewsOpened.length = 0;
    extras.ephemerals.length = 0;
    extras.groups.length = 0;
  });
  afterAll(() => server.close());
  return { tq, iz, slack, extras };
}

/** The case interactions on real clients against the fakes. */
export function interactionsFor(
  fakes: ReturnType<typeof useInteractionFakes>,
  allow: Partial<InteractionsConfig['allow']>,
  audit: ActionAuditStore = new MemoryActionAudit(),
  redact?: (text: string) => string,
) {
  const slackClient = new WebClient(SLACK_TOKEN, { slackApiUrl: SLACK_URL, retryConfig: { retries: 0 } });
  const { email, password, clientId } = fakes.tq.credentials;
  const actions = new CaseActions({
    izoologic: new IZoologicClient({
      baseUrl: IZOO_URL,
      apiKey: IZOOLOGIC_CREDENTIALS.apikey,
      secretKey: IZOOLOGIC_CREDENTIALS.secretkey,
    }),
    threatq: new ThreatQClient({
      baseUrl: fakes.tq.baseUrl,
      auth: { type: 'password', email, password, clientId },
      retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
    }),
    audit,
  });
  const metrics = new Metrics({ defaultMetrics: false });
  const full = { sendCaseMessage: [], approveCaseTakedown: [], markAsReviewed: [], moveCase: [], ...allow };
  const interactions = new CaseInteractions({
    slack: slackClient,
    actions,
    audit,
    allow: new AllowList(full, slackClient),
    metrics,
    logger: silentLogger,
    updateRetry: { attempts: 3, delayMs: 1 },
    ...(redact ? { redact } : {}),
  });
  return { interactions, metrics, audit, slackClient };
}

const ALL: CaseButtonAction[] = ['sendCaseMessage', 'approveCaseTakedown', 'markAsReviewed', 'moveCase'];

/** A case as the cases service's alert names it. */
export interface CaseFields {
  caseId: string;
  caseType: string;
  clientCode?: string;
  threatqObject?: string;
}

/**
 * Posts case alerts with their buttons (one alert, or a digest of several), as the worker would, and returns the
 * message as Slack keeps it.
 */
export async function postCaseAlert(slack: WebClient, ...cases: CaseFields[]) {
  const alerts = cases.map((fields) => ({
    id: `cases:${fields.caseId}:new`,
    type: IZOOLOGIC_CASE,
    service: 'izoologic-cases',
    object: { collection: 'izoologic-cases', id: fields.caseId, value: fields.caseId },
    title: `New iZoologic case ${fields.caseId}`,
    occurredAt: '2026-12-01T10:00:00Z',
    fields: {
      [CASE_FIELDS.caseId]: fields.caseId,
      [CASE_FIELDS.caseType]: fields.caseType,
      ...(fields.clientCode ? { [CASE_FIELDS.clientCode]: fields.clientCode } : {}),
      ...(fields.threatqObject ? { [CASE_FIELDS.threatqObject]: fields.threatqObject } : {}),
    },
  }));
  const formatter = new SlackFormatter({ type: IZOOLOGIC_CASE, caseActions: ALL });
  const [payload] = formatter.format(alerts as never, IZOOLOGIC_CASE).parts;
  const posted = await slack.chat.postMessage({ channel: CHANNEL, ...(payload as object) } as never);
  return {
    ts: String(posted.ts),
    text: String(payload?.text),
    blocks: payload?.blocks as Array<Record<string, SlackJson>>,
  };
}

let clicks = 0;

/** The `block_actions` payload Slack sends when `user` clicks the button of `action` on `message`. */
export function clickPayload(
  message: { ts: string; text: string; blocks: Array<Record<string, SlackJson>> },
  action: CaseButtonAction,
  user: typeof ZACH,
  actionTs = `1764583200.${String(++clicks).padStart(6, '0')}`,
  caseId?: string,
) {
  const block = message.blocks.find(
    (b) =>
      String(b.block_id).startsWith('izoologic_case_actions') &&
      (caseId === undefined || JSON.parse(b.elements[0].value).c === caseId),
  );
  const button = block?.elements.find(
    (e: { action_id: string }) => e.action_id === `izoologic_case:${action}`,
  );
  if (!button) throw new Error(`the message has no ${action} button`);
  return {
    type: 'block_actions',
    user,
    api_app_id: 'A0TQALERT01',
    team: { id: 'T0TQALERT01', domain: 'tqalert-test' },
    container: { type: 'message', message_ts: message.ts, channel_id: CHANNEL, is_ephemeral: false },
    trigger_id: `trigger-${actionTs}`,
    channel: { id: CHANNEL, name: 'tq-alerts' },
    message: { type: 'message', ts: message.ts, text: message.text, blocks: message.blocks },
    response_url: 'https://hooks.slack.test/actions/T0/1/x',
    actions: [
      {
        ...(button as Record<string, unknown>),
        block_id: block?.block_id,
        type: 'button',
        action_ts: actionTs,
      },
    ],
  };
}

/** The `view_submission` payload Slack sends when `user` submits `view` with `values` (block id → text). */
export function submitPayload(
  opened: { view: Record<string, SlackJson> },
  user: typeof ZACH,
  values: Record<string, string>,
  viewId = 'V1',
) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of opened.view.blocks.filter((b: { type: string }) => b.type === 'input')) {
    const typed = values[block.block_id] ?? block.element.initial_value ?? null;
    state[block.block_id] = {
      value:
        block.element.type === 'static_select'
          ? { type: 'static_select', selected_option: typed === null ? null : { value: typed } }
          : { type: 'plain_text_input', value: typed },
    };
  }
  return {
    type: 'view_submission',
    user,
    team: { id: 'T0TQALERT01', domain: 'tqalert-test' },
    api_app_id: 'A0TQALERT01',
    trigger_id: 'trigger-submit',
    view: { ...opened.view, id: viewId, hash: `h-${viewId}`, state: { values: state } },
  };
}

/** The message as the Slack fake keeps it now (blocks parsed). */
export function messageNow(slack: SlackFake, ts: string) {
  const message = slack.state.findMessage(CHANNEL, ts);
  return {
    ts,
    text: String(message?.text),
    blocks: (message?.blocks ?? []) as Array<Record<string, SlackJson>>,
  };
}
