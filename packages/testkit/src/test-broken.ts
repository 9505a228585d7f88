/**
 * Deliberately broken implementations, each with one realistic bug, so testkit's own tests can prove that the
 * suites catch it. Not part of the published build.
 */
import {
  type Alert,
  type ClaimOptions,
  DeliveryError,
  type DeliveryRecord,
  MemoryStore,
  type NotificationType,
  type PollCommit,
  type SendOptions,
  type Silence,
  type Store,
} from '@tqalert/core';
import { INBOX_TOKEN, InboxNotifier, LineFormatter } from './test-reference.js';

// ---- stores ----------------------------------------------------------------------------------------------

/** Forgets which keys it has enqueued after every commit, so a later poll enqueues the same alert again. */
export class ForgetfulKeysStore extends MemoryStore {
  override async commitPoll(commit: PollCommit) {
    const result = await super.commitPoll(commit);
    // MemoryStore's dedup set is private; reaching into it is exactly the bug being simulated.
    (this as unknown as { keys: Set<string> }).keys.clear();
    return result;
  }
}

/** Commits each delivery on its own before the cursor: a failure half-way leaves half a poll behind. */
export class PiecemealCommitStore extends MemoryStore {
  override async commitPoll(commit: PollCommit) {
    let enqueued = 0;
    let duplicates = 0;
    for (const d of commit.deliveries) {
      const r = await super.commitPoll({
        ...commit,
        cursor: undefined,
        seen: [],
        deadLetters: [],
        deliveries: [d],
      });
      enqueued += r.enqueued;
      duplicates += r.duplicates;
    }
    await super.commitPoll({ ...commit, deliveries: [] });
    return { enqueued, duplicates };
  }
}

/** Ignores leases: every claim first frees everything, so two workers send the same delivery. */
export class LeaselessStore extends MemoryStore {
  override async claimDue(options: ClaimOptions) {
    await this.releaseLeases();
    return super.claimDue(options);
  }
}

/** Drops the parts a failed attempt had delivered, so the retry sends them again. */
export class PartForgettingStore extends MemoryStore {
  override markFailed(id: string, result: Parameters<MemoryStore['markFailed']>[1]) {
    return super.markFailed(id, { ...result, delivered: [] });
  }
}

/** Lets any worker mark any delivery, even after its lease moved to another worker. */
export class UnfencedStore extends MemoryStore {
  private async holder(id: string): Promise<string> {
    return (await this.listDeliveries()).find((d) => d.id === id)?.leaseOwner ?? '';
  }
  override async markSent(id: string, result: Parameters<MemoryStore['markSent']>[1]) {
    return super.markSent(id, { ...result, owner: await this.holder(id) });
  }
  override async markFailed(id: string, result: Parameters<MemoryStore['markFailed']>[1]) {
    return super.markFailed(id, { ...result, owner: await this.holder(id) });
  }
  override async markDead(id: string, result: Parameters<MemoryStore['markDead']>[1]) {
    return super.markDead(id, { ...result, owner: await this.holder(id) });
  }
}

/** The in-memory store, claiming to be durable. */
export function falselyDurableStore(): Store {
  const store = new MemoryStore();
  Object.defineProperty(store, 'durable', { value: true });
  return store;
}

/** Never lists expired silences, even when asked to. */
export class AuditlessSilenceStore extends MemoryStore {
  override listSilences(options: { now: Date; includeExpired?: boolean }): Promise<Silence[]> {
    return super.listSilences({ now: options.now });
  }
}

// ---- formatters ------------------------------------------------------------------------------------------

/** Shows at most ten alerts and silently drops the rest. */
export class TruncatingFormatter extends LineFormatter {
  override format(alerts: readonly Alert[], type: NotificationType): string[] {
    return super.format(alerts.slice(0, 10), type);
  }
}

/** Does not escape anything. */
export class UnescapedFormatter extends LineFormatter {
  protected override line(alert: Alert): string {
    return `${alert.severity}: ${alert.title}`;
  }
}

/** Numbers every message it renders, so the same input gives a different output. */
export class CountingFormatter extends LineFormatter {
  private rendered = 0;
  override format(alerts: readonly Alert[], type: NotificationType): string[] {
    this.rendered += 1;
    return [...super.format(alerts, type), `message #${this.rendered}`];
  }
}

/** Sorts the caller's array in place. */
export class SortingFormatter extends LineFormatter {
  override format(alerts: readonly Alert[], type: NotificationType): string[] {
    (alerts as Alert[]).sort((a, b) => b.title.localeCompare(a.title));
    return super.format(alerts, type);
  }
}

/** Returns an empty message instead of throwing when getFormatted() comes before formatData(). */
export class LenientGuideFormatter extends LineFormatter {
  private ran = false;
  override formatData(): this {
    this.ran = true;
    return super.formatData();
  }
  override getFormatted(): string[] {
    return this.ran ? super.getFormatted() : [];
  }
}

/** Cannot render free-form messages. */
export class WatchlistOnlyFormatter extends LineFormatter {
  override format(alerts: readonly Alert[], type: NotificationType): string[] {
    if (type === 'FREE_FORM') throw new TypeError("Cannot read properties of undefined (reading 'value')");
    return super.format(alerts, type);
  }
}

// ---- notifiers -------------------------------------------------------------------------------------------

/** Reports success without posting anything. */
export class BlackHoleNotifier extends InboxNotifier {
  protected override post(): string {
    return 'pretend';
  }
}

/** Sends to every destination whatever options.destinations says. */
export class DestinationDeafNotifier extends InboxNotifier {
  protected override pick(): readonly string[] {
    return this.targets;
  }
}

/** Sends every part again on a retry. */
export class RepeatingNotifier extends InboxNotifier {
  override sendAlert(message: string[], options: SendOptions = {}): Promise<DeliveryRecord[]> {
    const { alreadyDelivered: _ignored, ...rest } = options;
    return super.sendAlert(message, rest);
  }
}

/** Lets the target's failure escape as a plain Error. */
export class RawErrorNotifier extends InboxNotifier {
  protected override post(destination: string, text: string): string {
    return this.inbox.post(this.token, destination, text);
  }
}

/** Puts its token in the error message. */
export class LeakyNotifier extends InboxNotifier {
  protected override post(destination: string, text: string): string {
    try {
      return this.inbox.post(this.token, destination, text);
    } catch {
      throw new DeliveryError({ message: `POST /chat?token=${INBOX_TOKEN} failed`, retryable: true });
    }
  }
}

/** Writes sentAt as a local, zone-less time. */
export class LocalTimeNotifier extends InboxNotifier {
  override async sendAlert(message: string[], options: SendOptions = {}): Promise<DeliveryRecord[]> {
    const records = await super.sendAlert(message, options);
    return records.map((r) => ({ ...r, sentAt: new Date().toLocaleString('en-GB') }));
  }
}
