import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent (signatures are computed over it). */
  body: string;
}

/** How the server answers one request: a status with headers and body, or never (`hang`). */
export type Reply = { status: number; headers?: Record<string, string>; body?: string } | 'hang';

/**
 * A real HTTP server on 127.0.0.1 and a free port that records every request and answers from a script of
 * replies (then 200). Hanging requests are destroyed on `close()`, so tests end by themselves.
 */
export async function startRecordingServer(script: Reply[] = []) {
  const requests: RecordedRequest[] = [];
  const replies = [...script];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = replies.shift() ?? { status: 200, body: 'ok' };
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** Base URL, e.g. `http://127.0.0.1:41234`. */
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Adds replies to the script. */
    reply(...more: Reply[]) {
      replies.push(...more);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type RecordingServer = Awaited<ReturnType<typeof startRecordingServer>>;
