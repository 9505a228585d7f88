import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@tqalert/core';
import { hostAllowed, metricsAllowed, type OpsAccess, opsBindWarnings } from './ops-access.js';

export interface OpsState {
  /** Alive: the process answers. */
  live(): boolean;
  /** Ready: the store is open and the worker is polling (not starting, not shutting down). */
  ready(): { ok: boolean; reason?: string | undefined; details?: string[] };
}

/** Where `/metrics` text comes from (the worker's metrics registry). */
export interface MetricsSource {
  render(): string | Promise<string>;
  /** The exposition format's content type. Default Prometheus text 0.0.4. */
  readonly contentType?: string;
}

export interface OpsServerOptions extends OpsAccess {
  port: number;
  /** Receives a warning when the bind is not loopback. */
  logger?: Logger;
}

/**
 * `/healthz`, `/readyz` and `/metrics` (Prometheus text). Binds 127.0.0.1 unless told otherwise; a non-loopback
 * bind is logged as a warning. With `metricsToken`, `/metrics` answers 401 without `Authorization: Bearer
 * <token>`; health and readiness stay open for probes. On a loopback bind, a request whose Host is not a
 * loopback name is refused (421), so a web page cannot read the server through DNS rebinding.
 */
export async function startOpsServer(
  options: OpsServerOptions,
  state: OpsState,
  metrics: MetricsSource,
): Promise<{ url: string; close(): Promise<void>; server: Server }> {
  for (const warning of opsBindWarnings(options)) options.logger?.warn(warning, { host: options.host });
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (!hostAllowed(req, options.host)) {
      res
        .writeHead(421, { 'content-type': 'text/plain' })
        .end('misdirected: the ops server answers loopback names only (127.0.0.1, localhost)\n');
    } else if (path === '/healthz') {
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
      if (!metricsAllowed(req, options.metricsToken)) {
        res
          .writeHead(401, {
            'content-type': 'text/plain',
            'www-authenticate': 'Bearer realm="tqalert-metrics"',
          })
          .end('unauthorized: /metrics needs Authorization: Bearer <server.metricsToken>\n');
        return;
      }
      try {
        const text = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType ?? 'text/plain; version=0.0.4' }).end(text);
      } catch (error) {
        options.logger?.error('rendering /metrics failed', { error: (error as Error).message });
        res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable: see the worker log\n');
      }
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
