import type { DeadLetter, DeliveredPart, Delivery, DeliveryStatus, Silence } from '@tqalert/core';

/** A `deliveries` row as `pg` returns it (bigint ids as strings, timestamptz as Date, json parsed). */
export interface DeliveryRow {
  id: string;
  key: string;
  service: string;
  notifier: string;
  destination: string;
  alert: Delivery['alert'];
  group_key: string | null;
  object_key: string | null;
  not_before: Date;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  created_at: Date;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: Date | null;
  delivered: DeliveredPart[];
  sent_at: Date | null;
}

/** A delivery as callers see it. Optional fields that are not set are left out, not `undefined`. */
export function toDelivery(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    id: row.id,
    key: row.key,
    service: row.service,
    notifier: row.notifier,
    destination: row.destination,
    alert: row.alert,
    notBefore: row.not_before.toISOString(),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    delivered: row.delivered,
  };
  if (row.group_key !== null) delivery.group = row.group_key;
  if (row.object_key !== null) delivery.objectKey = row.object_key;
  if (row.last_error !== null) delivery.lastError = row.last_error;
  if (row.lease_owner !== null) delivery.leaseOwner = row.lease_owner;
  if (row.lease_until !== null) delivery.leaseUntil = row.lease_until.toISOString();
  if (row.sent_at !== null) delivery.sentAt = row.sent_at.toISOString();
  return delivery;
}

/** A `dead_letters` row as `pg` returns it. */
export interface DeadLetterRow {
  id: string;
  kind: DeadLetter['kind'];
  service: string;
  notifier: string | null;
  destination: string | null;
  key: string | null;
  reason: string;
  payload: unknown;
  attempts: number;
  dead_at: Date;
}

/** A dead letter as callers see it. */
export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  const letter: DeadLetter = {
    id: row.id,
    kind: row.kind,
    service: row.service,
    reason: row.reason,
    payload: row.payload ?? undefined,
    attempts: row.attempts,
    deadAt: row.dead_at.toISOString(),
  };
  if (row.notifier !== null) letter.notifier = row.notifier;
  if (row.destination !== null) letter.destination = row.destination;
  if (row.key !== null) letter.key = row.key;
  return letter;
}

/** A `silences` row as `pg` returns it. */
export interface SilenceRow {
  seq: string;
  matchers: Silence['matchers'];
  author: string;
  reason: string;
  created_at: Date;
  starts_at: Date;
  expires_at: Date;
  expired_at: Date | null;
  expired_by: string | null;
}

/** Silence ids are `s` + a number, so they cannot be mistaken for delivery or dead-letter ids. */
export function toSilence(row: SilenceRow): Silence {
  const silence: Silence = {
    id: `s${row.seq}`,
    matchers: row.matchers,
    author: row.author,
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
    startsAt: row.starts_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
  };
  if (row.expired_at !== null) silence.expiredAt = row.expired_at.toISOString();
  if (row.expired_by !== null) silence.expiredBy = row.expired_by;
  return silence;
}
