// Test helper: the smallest Slack app on Socket Mode, as the Slack stand-in sees one (apps.connections.open with
// the app token, then Node's own WebSocket), so the inbox's clicks and modals can be tested without the worker.
// `onPayload` answers each interaction's payload with the ack's payload (or nothing).
import type { Sandbox } from './sandbox.js';

/** A connected test app. */
export interface TestSocketApp {
  /** Every interaction payload received, in order. */
  payloads: Array<Record<string, unknown>>;
  close(): void;
}

/** Connects a test app to the sandbox's Slack stand-in and resolves once Slack said hello. */
export async function connectTestApp(
  sandbox: Pick<Sandbox, 'slack'>,
  onPayload: (
    payload: Record<string, unknown>,
  ) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined,
): Promise<TestSocketApp> {
  const opened = await fetch(`${sandbox.slack.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.slack.appToken}` },
  });
  const { url } = (await opened.json()) as { url: string };
  const ws = new WebSocket(url);
  const payloads: Array<Record<string, unknown>> = [];
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as {
      type: string;
      envelope_id?: string;
      payload?: Record<string, unknown>;
    };
    if (message.type !== 'interactive' || !message.payload) return;
    payloads.push(message.payload);
    void Promise.resolve(onPayload(message.payload)).then((answer) =>
      ws.send(JSON.stringify({ envelope_id: message.envelope_id, ...(answer ? { payload: answer } : {}) })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('message', (event) => {
      if (String(event.data).includes('"hello"')) resolve();
    });
    ws.addEventListener('error', () => reject(new Error(`could not open the Socket Mode URL ${url}`)));
  });
  return { payloads, close: () => ws.close() };
}

/** Calls a Slack Web API method of the stand-in with the bot token (JSON body). */
export async function callSlack(
  sandbox: Pick<Sandbox, 'slack'>,
  method: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${sandbox.slack.apiUrl}${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${sandbox.slack.token}`,
      'content-type': 'application/json; charset=utf-8',
    },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Record<string, unknown>;
}

/** A "Mark reviewed" button on case CASE123456 (action id `review`, block `case`), with a confirm dialog when asked. */
export function reviewButtonBlocks(withConfirm = false): unknown[] {
  const confirm = {
    title: { type: 'plain_text', text: 'Mark reviewed?' },
    text: { type: 'mrkdwn', text: 'Case *CASE123456* will show as reviewed.' },
    confirm: { type: 'plain_text', text: 'Yes, continue' },
    deny: { type: 'plain_text', text: 'Not now' },
  };
  return [
    { type: 'section', text: { type: 'mrkdwn', text: '*Case CASE123456* needs review' } },
    {
      type: 'actions',
      block_id: 'case',
      elements: [
        {
          type: 'button',
          action_id: 'review',
          text: { type: 'plain_text', text: 'Mark reviewed' },
          value: 'CASE123456',
          ...(withConfirm ? { confirm } : {}),
        },
      ],
    },
  ];
}

/** The modal a test app opens for the review button: one required Remark of at most 120 characters. */
export function reviewModal(privateMetadata = ''): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'review',
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Mark reviewed' },
    submit: { type: 'plain_text', text: 'Mark reviewed' },
    blocks: [
      {
        type: 'input',
        block_id: 'remark',
        label: { type: 'plain_text', text: 'Remark' },
        element: { type: 'plain_text_input', action_id: 'value', max_length: 120 },
      },
    ],
  };
}
