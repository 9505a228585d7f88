/** The Slack notifier: formatted messages to channels and DMs, within Slack's rate limits, nothing lost or doubled. */
import type { WebClient } from '@slack/web-api';
import {
  BaseNotifier,
  ConfigError,
  type DeliveredPart,
  DeliveryError,
  type DeliveryRecord,
  Redactor,
  type SendOptions,
} from '@tqalert/core';
import type { SlackMessage, SlackPayload } from '@tqalert/formatter-slack';
import { type DeliveryContext, deliverToDestination } from './destination-delivery.js';
import { fixHint } from './fix-hints.js';
import { channelLane, laneTarget, userLane } from './lane-keys.js';
import { methodLimit } from './method-tiers.js';
import { type Destination, NameResolver } from './name-resolver.js';
import {
  type SlackNotifierGuideOptions,
  type SlackNotifierOptions,
  type SlackNotifierSettings,
  settingsFromArguments,
  type ThreadUpdates,
} from './notifier-options.js';
import { RateWindows } from './rate-windows.js';
import { SlackCallError, SlackCaller } from './slack-caller.js';
import { createWebClient } from './slack-client.js';

function invalidMessage(problem: string): DeliveryError {
  return new DeliveryError({
    message: `SlackNotifier.sendAlert: ${problem}; pass what notifier.formatAlert() (a SlackFormatter) returns`,
    retryable: false,
    code: 'SLACK_MESSAGE_INVALID',
  });
}

function checkedParts(message: unknown): SlackPayload[] {
  const parts = (message as { parts?: unknown } | null)?.parts;
  if (!Array.isArray(parts) || parts.length === 0) throw invalidMessage('the message has no parts');
  for (const [i, part] of parts.entries()) {
    const text = (part as { text?: unknown } | null)?.text;
    if (typeof text !== 'string' || text.trim() === '')
      throw invalidMessage(`parts[${i}] has no fallback text`);
  }
  return parts as SlackPayload[];
}

/**
 * Posts {@link SlackMessage}s to Slack channels and user DMs with `@slack/web-api`.
 *
 * - Names (`general`, `#general`, `C0123…`, `zach`, `zach@example.com`, `U0123…`) are resolved to ids once;
 *   unknown names fail with a ConfigError listing each, with suggestions.
 * - Writes are spaced per channel (about 1 per second by default). A 429 is waited out (Slack did not post)
 *   up to `maxRetryAfterSeconds`; beyond that the send fails as retryable, listing the parts delivered.
 * - Part 0 is the parent; the other parts go into its thread. `options.alreadyDelivered` parts are skipped;
 *   `options.thread` threads on (or updates) an earlier delivery.
 *
 * @example
 * const notifier = new SlackNotifier({ token: process.env.SLACK_BOT_TOKEN, channelNames: ['tq-alerts'] });
 * notifier.setFormatter(new SlackFormatter({ type: NotificationTypes.WATCHLIST }));
 * await notifier.sendAlert(notifier.formatAlert(alerts));
 *
 * @example As in the guide:
 * const notifier = new SlackNotifier(threatq, new WebClient(token), { channelNames, userNames });
 */
export class SlackNotifier extends BaseNotifier<SlackMessage> {
  /** What `options.thread` leads to. */
  readonly threadUpdates: ThreadUpdates;
  private readonly settings: SlackNotifierSettings;
  private readonly redactor: Redactor;
  private readonly caller: SlackCaller;
  private resolving: Promise<Destination[]> | undefined;
  /** Lanes resolved so far (a failed resolution is forgotten, so the next send asks Slack again). */
  private readonly laneDestinations = new Map<string, Promise<Destination>>();
  private laneResolver: NameResolver | undefined;

  /**
   * @throws ConfigError naming every wrong option.
   */
  constructor(options: SlackNotifierOptions);
  /**
   * The guide's form. `threatq` is not used. `slack` is a `WebClient` (its token and API URL are used with
   * TQ Alert's own retry settings) or the bot token.
   */
  constructor(threatq: unknown, slack: WebClient | string, options: SlackNotifierGuideOptions);
  constructor(...args: unknown[]) {
    const settings = settingsFromArguments(args);
    super(settings.name);
    this.settings = settings;
    this.threadUpdates = settings.threadUpdates;
    this.redactor = new Redactor().add(settings.token);
    const client = createWebClient(settings.token, { ...settings, redactor: this.redactor });
    const { clock, paceMargin } = settings;
    const channels = new RateWindows(
      () => ({ perSecond: settings.ratePerChannelPerSecond, burst: settings.burstPerChannel }),
      clock,
      paceMargin,
    );
    const methods = new RateWindows(
      (method) => methodLimit(method, settings.workspacePostsPerMinute),
      clock,
      paceMargin,
    );
    this.caller = new SlackCaller(
      client,
      channels,
      methods,
      settings,
      settings.logger.child({ notifier: this.name }),
    );
  }

  /**
   * The channel ids this notifier posts to (DM channel ids for users), resolving names on the first call.
   * @throws ConfigError when names do not resolve or the token is refused; DeliveryError (retryable) when
   * Slack cannot be reached.
   */
  override async destinations(): Promise<string[]> {
    return (await this.resolveDestinations()).map((destination) => destination.id);
  }

  /**
   * One lane per configured channel (`#name`, or the id as written) and user (`@name`), in order, without
   * asking Slack. A name that does not resolve fails only its own lane's sends.
   */
  override async lanes(): Promise<string[]> {
    const { channelNames, userNames } = this.settings;
    return [...new Set([...channelNames.map(channelLane), ...userNames.map(userLane)])];
  }

  /** Resolves every channel and user name (and so checks the token): a ConfigError names each that does not. */
  override async verify(): Promise<void> {
    await this.resolveDestinations();
  }

  /** Like {@link SlackNotifier.destinations}, with how people know each destination (`#general (C0…)`). */
  async resolveDestinations(signal?: AbortSignal): Promise<Destination[]> {
    this.resolving ??= this.resolveNames(signal).catch((error: unknown) => {
      // A failed resolution is tried again next time: the bot may have been invited meanwhile.
      this.resolving = undefined;
      throw error;
    });
    return this.resolving;
  }

  /**
   * Posts `message` to every destination (or `options.destinations`): part 0, then the other parts in its
   * thread. Resolves with one record per destination.
   * @throws DeliveryError with `retryable`, `retryAfter` and the parts delivered before the failure.
   */
  async sendAlert(message: SlackMessage, options: SendOptions = {}): Promise<DeliveryRecord[]> {
    const parts = checkedParts(message);
    const targets = await this.targets(options);
    const context: DeliveryContext = {
      caller: this.caller,
      notifier: this.name,
      threadUpdates: this.threadUpdates,
      maxRetryAfterSeconds: this.settings.maxRetryAfterSeconds,
      clock: this.settings.clock,
      logger: this.settings.logger,
      redactor: this.redactor,
    };
    const already = options.alreadyDelivered ?? [];
    const results = await Promise.allSettled(
      targets.map((destination) =>
        deliverToDestination(context, {
          destination,
          parts,
          already,
          thread: options.thread,
          signal: options.signal,
          onRateLimited: options.onRateLimited,
        }),
      ),
    );
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    const records = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (failures.length === 0) return records;
    throw this.combine(failures, records, already);
  }

  private async targets(options: SendOptions): Promise<Destination[]> {
    if (options.destinations === undefined) {
      try {
        return await this.resolveDestinations(options.signal);
      } catch (error) {
        if (!ConfigError.isInstance(error)) throw error;
        throw new DeliveryError({
          message: error.message,
          retryable: false,
          code: 'SLACK_CONFIG',
          notifier: this.name,
          cause: error,
        });
      }
    }
    const ids = options.destinations;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) {
      throw invalidMessage(
        'options.destinations must be a list of channel ids or lanes from destinations() or lanes()',
      );
    }
    return Promise.all(ids.map((lane) => this.resolveLane(lane, options.signal)));
  }

  /** The destination of one lane key (see lane-keys.ts), resolved once and remembered. */
  private resolveLane(lane: string, signal: AbortSignal | undefined): Promise<Destination> {
    let found = this.laneDestinations.get(lane);
    if (!found) {
      found = this.lookUpLane(lane, signal).catch((error: unknown) => {
        this.laneDestinations.delete(lane);
        // The directories are read again next time: the channel may have been created or the bot invited.
        this.laneResolver = undefined;
        throw error;
      });
      this.laneDestinations.set(lane, found);
    }
    return found;
  }

  private async lookUpLane(lane: string, signal: AbortSignal | undefined): Promise<Destination> {
    const target = laneTarget(lane);
    if (target.kind === 'id') {
      const known = this.resolving ? await this.resolving.catch(() => []) : [];
      return known.find((d) => d.id === target.id) ?? { id: target.id, label: target.id };
    }
    this.laneResolver ??= new NameResolver(this.caller, this.settings.logger);
    let resolution: Awaited<ReturnType<NameResolver['resolve']>>;
    try {
      resolution =
        target.kind === 'channel'
          ? await this.laneResolver.resolve([target.name], [], signal)
          : await this.laneResolver.resolve([], [target.name], signal);
    } catch (error) {
      throw this.laneFailure(this.resolutionFailure(error), lane);
    }
    const [destination] = resolution.destinations;
    if (resolution.issues.length > 0 || !destination) {
      const why = resolution.issues.map((issue) => issue.message).join('; ') || 'it did not resolve';
      throw new DeliveryError({
        message: this.redactor.text(`Slack notifier "${this.name}" cannot deliver to ${lane}: ${why}`),
        retryable: true,
        code: 'SLACK_DESTINATION_UNKNOWN',
        notifier: this.name,
        scope: 'lane',
      });
    }
    return destination;
  }

  /** A failure to resolve a lane, as a lane-wide DeliveryError (auth when the token was refused). */
  private laneFailure(error: Error, lane: string): DeliveryError {
    if (DeliveryError.isInstance(error)) {
      return new DeliveryError({
        message: error.message,
        retryable: true,
        retryAfter: error.retryAfter,
        code: error.code,
        notifier: this.name,
        scope: 'lane',
        cause: error,
      });
    }
    // A ConfigError from resolution means the token was refused (see resolutionFailure).
    return new DeliveryError({
      message: this.redactor.text(
        `Slack notifier "${this.name}" cannot deliver to ${lane}: ${error.message}`,
      ),
      retryable: true,
      code: 'SLACK_AUTH',
      notifier: this.name,
      scope: 'lane',
      auth: true,
      cause: error,
    });
  }

  /** One error for a send that failed at some destinations: retryable if any failure is. */
  private combine(
    failures: unknown[],
    records: DeliveryRecord[],
    already: readonly DeliveredPart[],
  ): DeliveryError {
    const errors = failures.map((failure) =>
      DeliveryError.isInstance(failure)
        ? failure
        : new DeliveryError({
            message: this.redactor.text(String(failure)),
            retryable: true,
            cause: failure,
          }),
    );
    const [first] = errors;
    if (errors.length === 1 && records.length === 0 && first) return first;
    const delivered = [...records.flatMap((r) => r.parts), ...errors.flatMap((e) => e.delivered)];
    const keys = new Set(delivered.map((p) => `${p.destination}#${p.part}`));
    const earlier = already.filter((p) => !keys.has(`${p.destination}#${p.part}`));
    const retryAfters = errors.flatMap((e) => (e.retryAfter === undefined ? [] : [e.retryAfter]));
    return new DeliveryError({
      message: `${errors.length} of ${errors.length + records.length} Slack destinations failed: ${errors.map((e) => e.message).join(' | ')}`,
      retryable: errors.some((e) => e.retryable),
      retryAfter: retryAfters.length > 0 ? Math.max(...retryAfters) : undefined,
      code: errors.every((e) => e.code === first?.code) ? first?.code : 'SLACK_PARTIAL',
      notifier: this.name,
      delivered: [...earlier, ...delivered],
      cause: errors,
    });
  }

  private async resolveNames(signal: AbortSignal | undefined): Promise<Destination[]> {
    const { channelNames, userNames, logger } = this.settings;
    let resolution: Awaited<ReturnType<NameResolver['resolve']>>;
    try {
      resolution = await new NameResolver(this.caller, logger).resolve(channelNames, userNames, signal);
    } catch (error) {
      throw this.resolutionFailure(error);
    }
    if (resolution.issues.length > 0) {
      throw new ConfigError(resolution.issues, { source: `Slack notifier "${this.name}"` });
    }
    logger.debug('Slack destinations resolved', {
      notifier: this.name,
      destinations: resolution.destinations.map((d) => d.label),
    });
    return resolution.destinations;
  }

  private resolutionFailure(error: unknown): Error {
    if (!(error instanceof SlackCallError)) {
      const reason = error instanceof Error ? error.message : String(error);
      return new DeliveryError({
        message: this.redactor.text(`resolving Slack names failed: ${reason}`),
        retryable: true,
        notifier: this.name,
        cause: error,
      });
    }
    const { failure } = error;
    if (failure.kind === 'permanent') {
      const hint = fixHint(failure.slackError, 'the configured channels and users', failure.needed);
      return new ConfigError(
        [{ path: 'token', message: this.redactor.text(`${error.method}: ${failure.detail}: ${hint}`) }],
        {
          source: `Slack notifier "${this.name}"`,
          cause: error,
        },
      );
    }
    return new DeliveryError({
      message: this.redactor.text(
        `resolving Slack names failed (${error.method}): ${failure.detail}; try again later`,
      ),
      retryable: true,
      retryAfter: failure.kind === 'rate-limited' ? failure.retryAfterSeconds : undefined,
      code: failure.kind === 'rate-limited' ? 'SLACK_RATE_LIMITED' : failure.code,
      notifier: this.name,
      cause: error,
    });
  }
}
