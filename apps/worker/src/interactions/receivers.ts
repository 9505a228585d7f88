/**
 * How interactions reach the worker, on Slack's own libraries only (no WebSocket protocol or signature code of
 * our own): Socket Mode with `@slack/socket-mode` (an outbound WebSocket opened with the app-level token; no
 * inbound port), or the Interactivity Request URL served by `@slack/bolt`'s `HTTPReceiver`, which verifies the
 * signing secret over the raw body and refuses a timestamp older than 5 minutes with 401 before anything runs.
 * Both acknowledge first and work after.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, type Logger } from '@tqalert/core';
import type { Handled } from './case-interactions.js';
import type { InteractionsConfig } from './interactions-config.js';

/** How long a start waits for the Socket Mode connection before going on without it. */
const CONNECT_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Handles one payload: what to acknowledge with, and the work after. */
export type PayloadHandler = (payload: Record<string, unknown>) => Handled;

/** A started receiver. */
export interface InteractionsReceiver {
  /** `socket`, or the request URL being served (`http://127.0.0.1:3000/slack/events`). */
  readonly where: string;
  /** Stops receiving, then waits for work already acknowledged. */
  close(): Promise<void>;
}

/** Acknowledges each payload first, then runs its work, keeping what is unfinished so that a stop waits for it. */
class InFlight {
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly handle: PayloadHandler,
    private readonly logger: Logger,
  ) {}

  /** Acks `body` with what the handler says (Slack's 3 seconds), then starts the work after it. */
  async answer(body: Record<string, unknown>, ack: (response?: unknown) => Promise<void>): Promise<void> {
    const handled = this.handle(body);
    try {
      await ack(handled.ack);
    } catch (error) {
      this.logger.warn('could not acknowledge a Slack interaction', { error: describeError(error) });
    }
    const after = handled.after;
    if (!after) return;
    const work = after().finally(() => this.#running.delete(work));
    this.#running.add(work);
  }

  async drain(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }
}

/** Slack's logger interface onto ours (Slack's debug chatter stays at debug). */
function slackLogger(logger: Logger) {
  return {
    debug: (...msg: unknown[]) => logger.debug(msg.map(String).join(' ')),
    info: (...msg: unknown[]) => logger.debug(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => 'debug' as never,
    setName: () => undefined,
  };
}

/** Socket Mode: `apps.connections.open` with the app token, then envelopes over the WebSocket, each acked. */
export async function startSocketMode(
  config: InteractionsConfig,
  handle: PayloadHandler,
  logger: Logger,
): Promise<InteractionsReceiver> {
  const { SocketModeClient } = await import('@slack/socket-mode');
  const client = new SocketModeClient({
    appToken: config.appToken as string,
    logger: slackLogger(logger) as never,
    clientOptions: config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {},
  });
  const inFlight = new InFlight(handle, logger);
  client.on('interactive', ({ ack, body }: { ack: (r?: unknown) => Promise<void>; body: never }) =>
    inFlight.answer(body, ack),
  );
  // Alerts must flow even while Slack is unreachable or the app token is wrong: the worker does not wait for the
  // socket longer than CONNECT_WAIT_MS, and a failure to connect is logged with what to check, not thrown.
  const started = client.start().then(
    () => 'connected' as const,
    (error: unknown) => {
      logger.error('Slack Socket Mode could not connect: buttons will not work until it does', {
        error: describeError(error),
        hint: 'check interactions.appToken (xapp-…, scope connections:write) and that Socket Mode is on in the Slack app',
      });
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([started, sleep(CONNECT_WAIT_MS).then(() => 'waiting' as const)]);
  if (outcome === 'waiting')
    logger.warn('Slack Socket Mode is still connecting; the worker goes on meanwhile');
  return {
    where: 'socket',
    async close() {
      await client.disconnect().catch(() => undefined);
      await inFlight.drain();
    },
  };
}

/** HTTP request URL mode: Bolt's `HTTPReceiver` verifies each request, then hands its payload on. */
export async function startHttpReceiver(
  config: InteractionsConfig,
  handle: PayloadHandler,
  logger: Logger,
): Promise<InteractionsReceiver> {
  const { HTTPReceiver } = await import('@slack/bolt');
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret as string,
    endpoints: config.path,
    logger: slackLogger(logger) as never,
  });
  const inFlight = new InFlight(handle, logger);
  // The receiver hands verified events to an app; this one only needs processEvent, not a whole Bolt App.
  receiver.init({
    processEvent: (event: { body: never; ack: (r?: unknown) => Promise<void> }) =>
      inFlight.answer(event.body, event.ack),
  } as never);
  const server: Server = await receiver.start({ port: config.port, host: config.host });
  const address = server.address() as AddressInfo;
  return {
    where: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}${config.path}`,
    async close() {
      await receiver.stop();
      await inFlight.drain();
    },
  };
}
