import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Metrics } from './metrics.js';

export interface OpsState {
  /** Alive: the process answers. */
  live(): boolean;
  /** Ready: the store is open and the worker is polling (not starting, not shutting down). */
  ready(): { ok: boolean; reason?: string | undefined; details?: string[] };
}

/** `/healthz`, `/readyz` and `/metrics` (Prometheus text). Binds 127.0.0.1 unless told otherwise. */
export async function startOpsServer(
  options: { host: string; port: number },
  state: OpsState,
  metrics: Metrics,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res
        .writeHead(state.live() ? 200 : 503, { 'content-type': 'text/plain' })
        .end(state.live() ? 'ok\n' : 'down\n');
    } else if (path === '/readyz') {
      const ready = state.ready();
      // The first line is the verdict; the lines after it name every service or lane that is not delivering.
      const details = (ready.details ?? []).map((line) => `${line}\n`).join('');
      res
        .writeHead(ready.ok ? 200 : 503, { 'content-type': 'text/plain' })
        .end(`${ready.ok ? 'ready' : `not ready: ${ready.reason ?? 'starting'}`}\n${details}`);
    } else if (path === '/metrics') {
      metrics.render().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (error: unknown) =>
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
      );
    } else {
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('not found: try /healthz, /readyz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
