// The inbox's write side: `POST /api/slack/click`, `POST /api/slack/views/<id>/submit` and
// `POST /api/slack/views/<id>/cancel`, which act as the sandbox user in Slack. Only the page itself may call them:
// a JSON body (so another site's form cannot, and its script gets no CORS answer) from the inbox's own origin.
import type { IncomingMessage } from 'node:http';
import type { InboxActionResult, InboxSlackUser } from './slack-user.js';

/** What the handler answers: an HTTP status and a JSON body. */
export interface ActionAnswer {
  status: number;
  body: InboxActionResult | { error: string };
}

const MAX_BODY = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new RangeError(`the request body is over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${name}" must be a non-empty string`);
  return value;
}

/** Values by block id, then action id, all strings. */
function values(body: Record<string, unknown>): Record<string, Record<string, string>> {
  const given = body.values;
  if (!isRecord(given)) throw new TypeError('"values" must be an object of block ids');
  const out: Record<string, Record<string, string>> = {};
  for (const [blockId, actions] of Object.entries(given)) {
    if (!isRecord(actions)) throw new TypeError(`"values.${blockId}" must be an object of action ids`);
    out[blockId] = {};
    for (const [actionId, value] of Object.entries(actions)) {
      if (typeof value !== 'string') throw new TypeError(`"values.${blockId}.${actionId}" must be a string`);
      (out[blockId] as Record<string, string>)[actionId] = value;
    }
  }
  return out;
}

/** True when `req` is the page calling its own server with JSON (see the module comment). */
export function fromThePage(req: IncomingMessage, origins: readonly string[]): string | undefined {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) return 'send JSON (content-type: application/json)';
  const origin = req.headers.origin;
  if (origin !== undefined && !origins.includes(origin)) return `requests from ${origin} are not accepted`;
  return undefined;
}

/** Runs one action route (`path` below `/api/slack/`) as the sandbox user. */
export async function runAction(
  req: IncomingMessage,
  path: string,
  user: InboxSlackUser,
): Promise<ActionAnswer> {
  const view = /^views\/([^/]+)\/(submit|cancel)$/.exec(path);
  if (path !== 'click' && !view) {
    return {
      status: 404,
      body: { error: `no action at /api/slack/${path}: use click, views/<id>/submit or views/<id>/cancel` },
    };
  }
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (error) {
    return { status: 400, body: { error: `the body is not JSON: ${(error as Error).message}` } };
  }
  if (!isRecord(body)) return { status: 400, body: { error: 'the body must be a JSON object' } };
  try {
    if (path === 'click') {
      const selected = body.selectedValue;
      return {
        status: 200,
        body: await user.click({
          channel: text(body, 'channel'),
          ts: text(body, 'ts'),
          actionId: text(body, 'actionId'),
          ...(typeof selected === 'string' ? { selectedValue: selected } : {}),
        }),
      };
    }
    const viewId = decodeURIComponent(view?.[1] ?? '');
    if (view?.[2] === 'cancel') return { status: 200, body: user.cancel(viewId) };
    return { status: 200, body: await user.submit(viewId, values(body)) };
  } catch (error) {
    // The stand-in's TypeErrors say what is missing (no such message, button or view): the person's mistake.
    if (error instanceof TypeError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}
