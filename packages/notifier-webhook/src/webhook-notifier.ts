import {
  BaseNotifier,
  type DeliveredPart,
  DeliveryError,
  type DeliveryRecord,
  Redactor,
  type SendOptions,
} from '@tqalert/core';
import type { z } from 'zod';
import { parseOptions, webhookNotifierOptionsSchema } from './options-schema.js';
import { type PostRefused, type PostTarget, postJson } from './post-json.js';
import { signDelivery, TIMESTAMP_HEADER } from './signature.js';
import type { WebhookPayload } from './webhook-payload.js';

/** Options of {@link WebhookNotifier}, as written in code or config. */
export type WebhookNotifierOptions = z.input<typeof webhookNotifierOptionsSchema>;

const USER_AGENT = 'tqalert-notifier-webhook/0.1';

function isPayload(message: unknown): message is WebhookPayload {
  return typeof message === 'object' && message !== null && Array.isArray((message as WebhookPayload).bodies);
}

/** What one destination's send came to. */
type Outcome = { destination: string; parts: DeliveredPart[]; failure?: PostRefused; failedPart?: number };

/**
 * Delivers alerts as JSON POSTs to one webhook (`url`) or several by name (`urls`): a generic JSON receiver, or
 * Microsoft Teams Workflows / Power Automate with a `teams` style {@link WebhookFormatter}. Each body of a split
 * message is one request; a retry resumes after the parts already delivered. 429, 5xx, timeouts and network
 * errors are retryable (`Retry-After` is passed on); other 4xx are permanent. URLs, headers and the signing
 * secret never appear in errors.
 *
 * @example
 * ```ts
 * const notifier = new WebhookNotifier({ url: 'https://hooks.example.com/tqalert', secretHeader: { secret } });
 * notifier.setFormatter(new WebhookFormatter(NotificationTypes.WATCHLIST));
 * await notifier.sendAlert(notifier.formatAlert(alerts));
 * ```
 */
export class WebhookNotifier extends BaseNotifier<WebhookPayload> {
  private readonly targets: Map<string, PostTarget>;
  private readonly signing: { name: string; secret: string } | undefined;
  private readonly secrets: string[];

  /** Validates the options; throws `ConfigError` naming each bad one (never echoing a secret or a URL). */
  constructor(options: WebhookNotifierOptions) {
    const parsed = parseOptions(webhookNotifierOptionsSchema, options, 'WebhookNotifier options');
    super(parsed.name);
    const urls = Object.entries(parsed.urls ?? { [parsed.name]: parsed.url ?? '' });
    this.signing = parsed.secretHeader;
    // A webhook URL is a credential (Teams puts a signature in its query), and so is every configured header.
    this.secrets = [...Object.values(parsed.headers)];
    for (const [, raw] of urls)
      this.secrets.push(raw, new URL(raw).href, ...new URL(raw).searchParams.values());
    if (parsed.secretHeader) this.secrets.push(parsed.secretHeader.secret);
    const redactor = new Redactor().add(...this.secrets);
    const headers = {
      ...parsed.headers,
      'content-type': 'application/json; charset=utf-8',
      'user-agent': USER_AGENT,
    };
    this.targets = new Map(
      urls.map(([id, raw]) => [id, { url: new URL(raw), headers, timeoutMs: parsed.timeoutMs, redactor }]),
    );
  }

  /**
   * Every value this notifier keeps secret (URLs and their query values, header values, the signing secret), for
   * a host to register with its own `Redactor` so that its logs never show them.
   */
  secretValues(): string[] {
    return [...this.secrets];
  }

  /** The destination ids: the notifier's name for one `url`, the keys of `urls` otherwise. */
  override async destinations(): Promise<string[]> {
    return [...this.targets.keys()];
  }

  /**
   * POSTs each body of `message` to each destination (or `options.destinations`), skipping parts in
   * `options.alreadyDelivered`. Every destination is tried even when one fails. Resolves with one record per
   * destination that has delivered parts; throws {@link DeliveryError} carrying all parts delivered so far when
   * any body was refused.
   */
  async sendAlert(message: WebhookPayload, options: SendOptions = {}): Promise<DeliveryRecord[]> {
    if (!isPayload(message)) {
      throw new DeliveryError({
        retryable: false,
        notifier: this.name,
        code: 'WEBHOOK_BAD_MESSAGE',
        message: `Webhook notifier "${this.name}" was given a message without a "bodies" array: set a WebhookFormatter (or a formatter producing WebhookPayload) with setFormatter()`,
      });
    }
    const chosen = [...this.targets.keys()].filter(
      (d) => !options.destinations || options.destinations.includes(d),
    );
    const outcomes: Outcome[] = [];
    for (const destination of chosen) outcomes.push(await this.sendTo(destination, message, options));
    const failed = outcomes.filter((o) => o.failure);
    if (failed.length > 0) throw this.failure(failed, outcomes, message.bodies.length);
    const sentAt = new Date().toISOString();
    return outcomes
      .filter((o) => o.parts.length > 0)
      .map((o) => ({ notifier: this.name, destination: o.destination, parts: o.parts, sentAt }));
  }

  private async sendTo(destination: string, message: WebhookPayload, options: SendOptions): Promise<Outcome> {
    const target = this.targets.get(destination) as PostTarget;
    const parts = (options.alreadyDelivered ?? []).filter((p) => p.destination === destination);
    const done = new Set(parts.map((p) => p.part));
    for (const [part, body] of message.bodies.entries()) {
      if (done.has(part)) continue;
      const json = JSON.stringify(body);
      const headers = { ...target.headers };
      // Distinct per destination and part, so a receiver can drop a repeat after a crash between send and mark.
      const idempotencyKey = options.idempotencyKey && `${options.idempotencyKey}:${destination}:${part}`;
      if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
      if (this.signing) {
        // Signed with the time and the key, so a receiver can refuse a replay (see the README).
        const timestamp = Math.floor(Date.now() / 1000);
        headers[TIMESTAMP_HEADER] = String(timestamp);
        headers[this.signing.name] = signDelivery({
          secret: this.signing.secret,
          timestamp,
          idempotencyKey: idempotencyKey || '',
          body: json,
        });
      }
      const outcome = await postJson({ ...target, headers }, json, options.signal);
      if (!outcome.ok) return { destination, parts, failure: outcome, failedPart: part };
      const ref: Record<string, string> = { status: String(outcome.status) };
      if (outcome.requestId) ref.requestId = outcome.requestId;
      parts.push({ destination, part, ref });
    }
    parts.sort((a, b) => a.part - b.part);
    return { destination, parts };
  }

  /** One error for every refused destination: retryable when any of them is (nothing is dropped early). */
  private failure(failed: Outcome[], outcomes: Outcome[], bodies: number): DeliveryError {
    const lines = failed.map((o) => {
      const part = bodies > 1 ? ` part ${(o.failedPart ?? 0) + 1} of ${bodies}` : '';
      return `${o.destination}${part}: ${o.failure?.reason}`;
    });
    const first = failed[0]?.failure;
    const retryAfters = failed.map((o) => o.failure?.retryAfter).filter((s) => s !== undefined);
    return new DeliveryError({
      retryable: failed.some((o) => o.failure?.retryable),
      retryAfter: retryAfters.length > 0 ? Math.max(...retryAfters) : undefined,
      notifier: this.name,
      code: failed.length === 1 ? first?.code : 'WEBHOOK_SEVERAL_FAILED',
      delivered: outcomes.flatMap((o) => o.parts),
      message: `Webhook notifier "${this.name}" could not deliver to ${lines.join('; ')}`,
      cause: first?.cause,
    });
  }
}
