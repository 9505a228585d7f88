// The inbox's HTTP server, on `node:http` alone: `GET /` the page, `GET /api/messages` the JSON snapshot (with an
// ETag, so the page's once-a-second poll costs a 304 when nothing changed), and, when the page acts as a Slack
// user, the `POST /api/slack/…` actions (see inbox-actions.ts).
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { listenOnLoopback } from '@tqalert/fixtures';
import { fromThePage, runAction } from './inbox-actions.js';
import { type InboxLink, inboxCsp, renderInboxPage } from './inbox-page.js';
import {
  buildSnapshot,
  type InboxSources,
  type SnapshotLimits,
  sourcesAs,
  sourcesVersion,
} from './inbox-snapshot.js';

/** Options of {@link startInbox}. */
export interface InboxOptions {
  /** Where the Slack messages and emails are read from. */
  sources: InboxSources;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to bind. Default 0 (a free port). */
  port?: number;
  /** Page title. Default `TQ Alert sandbox inbox`. */
  title?: string;
  /** What the page's top bar lists (the stand-ins' addresses). */
  links?: InboxLink[];
  /** How many threads per channel and emails are sent to the page (newest first). */
  limits?: SnapshotLimits;
}

/** A running inbox server. */
export interface InboxServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error: message }), headers);
}

/**
 * Only requests addressed to this server by a loopback name are answered: a web page elsewhere cannot read the
 * inbox by pointing its own host name at 127.0.0.1 (DNS rebinding).
 */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
}

/** Starts the inbox on loopback. */
export async function startInbox(options: InboxOptions): Promise<InboxServer> {
  const title = options.title ?? 'TQ Alert sandbox inbox';
  const sockets = new Set<Socket>();
  let port = 0;
  // Part of every ETag, so a page left open across a restart of the sandbox never keeps an old view.
  const startedAt = randomBytes(6).toString('base64url');

  const act = async (req: IncomingMessage, res: ServerResponse, path: string, sources: InboxSources) => {
    const user = sources.slackUser;
    if (!user) {
      sendError(res, 404, 'this inbox does not act in Slack: start it with a slackUser source');
      return;
    }
    const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`];
    const refused = fromThePage(req, origins);
    if (refused) {
      sendError(res, 403, `${refused}: only the inbox page itself can act`);
      return;
    }
    const answer = await runAction(req, path.slice('/api/slack/'.length), user);
    send(res, answer.status, 'application/json; charset=utf-8', JSON.stringify(answer.body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostAllowed(req, port)) {
      sendError(res, 421, `this inbox answers only to 127.0.0.1:${port} or localhost:${port}`);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://inbox.invalid');
    const path = url.pathname;
    // `?as=<user id>`: the page acting as someone else than the sandbox user (its "acting as" picker).
    const sources = sourcesAs(options.sources, url.searchParams.get('as'));
    if (!sources) {
      const known = options.sources.slackUsers?.list().map((u) => `${u.id} (${u.name})`) ?? [];
      sendError(
        res,
        400,
        `as=${url.searchParams.get('as')} is no Slack user the inbox can act as; use one of ${known.join(', ') || 'none'}`,
      );
      return;
    }
    if (req.method === 'POST' && path.startsWith('/api/slack/')) {
      await act(req, res, path, sources);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(
        res,
        405,
        `${req.method ?? '?'} is not supported here: GET / and GET /api/messages; POST only to /api/slack/…`,
        {
          allow: 'GET, HEAD',
        },
      );
      return;
    }
    if (path === '/api/messages') {
      // The ETag comes from what arrived, not from the rendered body: an unchanged poll renders nothing.
      const etag = `"${createHash('sha1')
        .update(`${startedAt}|${sourcesVersion(sources)}`)
        .digest('base64url')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ...SECURITY_HEADERS, etag });
        res.end();
        return;
      }
      const body = JSON.stringify(buildSnapshot(sources, options.limits));
      send(res, 200, 'application/json; charset=utf-8', body, { etag });
      return;
    }
    if (path === '/' || path === '/index.html') {
      const nonce = randomBytes(16).toString('base64');
      const page = renderInboxPage(buildSnapshot(sources, options.limits), {
        nonce,
        title,
        links: options.links ?? [],
        users: options.sources.slackUsers?.list() ?? [],
      });
      send(res, 200, 'text/html; charset=utf-8', page, { 'content-security-policy': inboxCsp(nonce) });
      return;
    }
    if (path === '/healthz') {
      send(res, 200, 'text/plain; charset=utf-8', 'ok\n');
      return;
    }
    sendError(res, 404, `no page at ${path}: open / for the inbox, or /api/messages for JSON`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A message the renderer cannot handle must not take the sandbox down: say so and keep serving.
      if (!res.headersSent) sendError(res, 500, `inbox failed: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  port = (await listenOnLoopback(server, options)).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
