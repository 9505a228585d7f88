// What the worker's dispatcher would make of one poll's deliveries: one message per notifier and digest group
// (an alert outside any digest is a message of its own), sent to every destination of the notifier.
import type { Alert, BaseService, NewDelivery } from '@tqalert/core';
import type { ServiceEntry } from '@tqalert/worker';
import { sampleAlert } from './sample-alert.js';

/** One message a notifier would send. */
export interface PlannedMessage {
  notifier: string;
  destinations: string[];
  /** The digest group, when the route has a digest window and the alert does not bypass it. */
  group?: string;
  /** When it would go: now, or the end of its digest window. */
  sendAt: string;
  alerts: Alert[];
}

/** Groups deliveries the way the dispatcher does (notifier, destination, digest group), merging destinations. */
export function planMessages(deliveries: readonly NewDelivery[]): PlannedMessage[] {
  const messages = new Map<string, PlannedMessage>();
  for (const d of deliveries) {
    const key = `${d.notifier}\u0000${d.group ?? `single:${d.alert.id}`}`;
    const message = messages.get(key) ?? {
      notifier: d.notifier,
      destinations: [],
      ...(d.group ? { group: d.group } : {}),
      sendAt: d.notBefore,
      alerts: [],
    };
    if (!message.destinations.includes(d.destination)) message.destinations.push(d.destination);
    if (!message.alerts.some((a) => a.id === d.alert.id)) message.alerts.push(d.alert);
    if (d.notBefore > message.sendAt) message.sendAt = d.notBefore;
    messages.set(key, message);
  }
  return [...messages.values()];
}

/** Per alert, where it would go: `soc-slack (now), soc-mail (digest, at 10:00:20Z)`. */
export function alertDecisions(messages: readonly PlannedMessage[], now: Date): Map<Alert, string[]> {
  const decisions = new Map<Alert, string[]>();
  for (const m of messages) {
    const when = m.group
      ? `digest, at ${m.sendAt}`
      : Date.parse(m.sendAt) <= now.getTime()
        ? 'now'
        : m.sendAt;
    for (const alert of m.alerts)
      decisions.set(alert, [...(decisions.get(alert) ?? []), `${m.notifier} (${when})`]);
  }
  return decisions;
}

/**
 * The service of `entry` with its fetch replaced by three sample alerts of its type: everything after the fetch
 * (sanitizing, dedup, silences, routes, digests) is the worker's own.
 */
export function withSampleAlerts(entry: ServiceEntry): ServiceEntry {
  const service = Object.create(entry.service) as BaseService;
  const type = entry.service.notificationType;
  service.connect = async () => {};
  service.fetchAlerts = async () => ({
    alerts: [1, 2, 3].map((n) => sampleAlert(type, entry.config.id, n)),
  });
  return { config: entry.config, service };
}
