import type { Logger, Redactor } from '@tqalert/core';
import type { WorkerConfig } from '../config/schema.js';

/**
 * Builds the shared upstream clients named in the config, for plugins (`context.clients`). Each client package is
 * imported only when its section is present, so a config without ThreatQ never loads the ThreatQ client.
 */
export async function buildClients(
  config: WorkerConfig,
  options: { logger: Logger; redactor: Redactor },
): Promise<Record<string, unknown>> {
  const clients: Record<string, unknown> = {};
  if (config.threatq) {
    const auth = config.threatq.auth;
    options.redactor.add(auth.type === 'password' ? auth.password : auth.clientSecret);
    const { ThreatQClient } = await import('@tqalert/threatq-client');
    clients.threatq = new ThreatQClient({
      baseUrl: config.threatq.url,
      auth,
      tls: {
        verify: config.threatq.tls.verify,
        ...(config.threatq.tls.caFile ? { caFile: config.threatq.tls.caFile } : {}),
      },
      timeoutMs: config.threatq.timeout,
      logger: options.logger.child({ client: 'threatq' }),
    });
  }
  if (config.izoologic) {
    options.redactor.add(config.izoologic.apiKey, config.izoologic.secretKey);
    const { IZoologicClient } = await import('@tqalert/izoologic-client');
    clients.izoologic = new IZoologicClient({
      // A full URL (a proxy, the sandbox's stand-in) is a baseUrl; a bare name is the host, as in the CLI.
      ...(config.izoologic.host.includes('://')
        ? { baseUrl: config.izoologic.host }
        : { host: config.izoologic.host }),
      apiKey: config.izoologic.apiKey,
      secretKey: config.izoologic.secretKey,
      verifySsl: config.izoologic.verifySsl,
      ...(config.izoologic.accountKind ? { accountKind: config.izoologic.accountKind } : {}),
      logger: options.logger.child({ client: 'izoologic' }),
    });
  }
  return clients;
}
