/**
 * Small, correct implementations the suites must pass: a line formatter that escapes like Slack, and a notifier
 * that splits a message into parts and delivers them into an in-memory target which checks a token. Testkit's
 * own tests derive broken variants from them. Not part of the published build.
 */
import {
  type Alert,
  BaseFormatter,
  BaseNotifier,
  DeliveryError,
  type DeliveryRecord,
  type NotificationType,
  type SendOptions,
} from '@tqalert/core';
import type { NotifierHarness, ReceivedMessage } from './notifier-harness.js';

/** Escapes the three characters Slack treats as markup. */
export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A message as lines: a header, then one line per alert. */
export class LineFormatter extends BaseFormatter<string[]> {
  format(alerts: readonly Alert[], type: NotificationType): string[] {
    return [`${type}: ${alerts.length} alert(s)`, ...alerts.map((a) => this.line(a))];
  }

  protected line(alert: Alert): string {
    const about = alert.object ? ` (${escapeMarkup(alert.object.value)})` : '';
    return `${alert.severity}: ${escapeMarkup(alert.title)}${about}`;
  }
}

/** All the text of a {@link LineFormatter} message. */
export function linesText(lines: string[]): string {
  return lines.join('\n');
}

/** The token the inbox accepts. A secret: it must never appear in a record, error or message. */
export const INBOX_TOKEN = 'inbox-token-3f9c2a7d51';

/** A stand-in chat service: it stores what it is sent, refuses a wrong token, and can be down. */
export class Inbox {
  readonly received: ReceivedMessage[] = [];
  down = false;

  post(token: string, destination: string, text: string): string {
    if (this.down) throw new Error('inbox unavailable (503)');
    if (token !== INBOX_TOKEN) throw new Error('invalid_auth');
    this.received.push({ destination, text });
    return String(this.received.length);
  }
}

const LINES_PER_PART = 3;

/** Delivers a line message to each destination in parts of three lines, skipping parts delivered before. */
export class InboxNotifier extends BaseNotifier<string[]> {
  constructor(
    name: string,
    protected readonly inbox: Inbox,
    protected readonly targets: string[],
    protected readonly token: string = INBOX_TOKEN,
  ) {
    super(name);
  }

  override async destinations(): Promise<string[]> {
    return [...this.targets];
  }

  async sendAlert(message: string[], options: SendOptions = {}): Promise<DeliveryRecord[]> {
    const parts = chunk(message, LINES_PER_PART);
    const records: DeliveryRecord[] = [];
    for (const destination of this.pick(options)) {
      const delivered = (options.alreadyDelivered ?? []).filter((p) => p.destination === destination);
      const done = new Set(delivered.map((p) => p.part));
      const record: DeliveryRecord = { notifier: this.name, destination, parts: [...delivered], sentAt: '' };
      for (const [index, lines] of parts.entries()) {
        if (done.has(index)) continue;
        record.parts.push({
          destination,
          part: index,
          ref: { id: this.post(destination, lines.join('\n'), record) },
        });
      }
      record.parts.sort((a, b) => a.part - b.part);
      record.sentAt = new Date().toISOString();
      records.push(record);
    }
    return records;
  }

  protected pick(options: SendOptions): readonly string[] {
    return options.destinations ?? this.targets;
  }

  protected post(destination: string, text: string, record: DeliveryRecord): string {
    try {
      return this.inbox.post(this.token, destination, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DeliveryError({
        message: `inbox refused a message for ${destination}: ${reason}`,
        retryable: reason.includes('503'),
        notifier: this.name,
        delivered: record.parts,
        cause: error,
      });
    }
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A harness over {@link InboxNotifier}: two destinations, a failing variant whose inbox is down. */
export function inboxHarness(
  make: (inbox: Inbox, targets: string[]) => InboxNotifier = (inbox, targets) =>
    new InboxNotifier('inbox', inbox, targets),
): NotifierHarness<string[]> {
  const inbox = new Inbox();
  const targets = ['#soc', '#threat-intel'];
  return {
    notifier: make(inbox, targets),
    formatter: new LineFormatter('WATCHLIST'),
    inspect: () => inbox.received,
    failing: () => {
      const down = new Inbox();
      down.down = true;
      return make(down, targets);
    },
    secrets: [INBOX_TOKEN],
  };
}
