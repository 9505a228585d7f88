import type { DeliveredPart, Delivery, DeliveryStatus } from '@tqalert/core';

/** A `deliveries` row as SQLite returns it. */
export interface DeliveryRow {
  id: number;
  key: string;
  service: string;
  notifier: string;
  destination: string;
  alert: string;
  group_key: string | null;
  object_key: string | null;
  not_before: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  created_at: string;
  last_error: string | null;
  lease_owner: string | null;
  lease_until_ms: number | null;
  delivered: string;
  sent_at: string | null;
}

/** A delivery as callers see it. Optional fields that are not set are left out, not `undefined`. */
export function toDelivery(row: DeliveryRow): Delivery {
  const delivery: Delivery = {
    id: String(row.id),
    key: row.key,
    service: row.service,
    notifier: row.notifier,
    destination: row.destination,
    alert: JSON.parse(row.alert),
    notBefore: row.not_before,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    delivered: JSON.parse(row.delivered) as DeliveredPart[],
  };
  if (row.group_key !== null) delivery.group = row.group_key;
  if (row.object_key !== null) delivery.objectKey = row.object_key;
  if (row.last_error !== null) delivery.lastError = row.last_error;
  if (row.lease_owner !== null) delivery.leaseOwner = row.lease_owner;
  if (row.lease_until_ms !== null) delivery.leaseUntil = new Date(row.lease_until_ms).toISOString();
  if (row.sent_at !== null) delivery.sentAt = row.sent_at;
  return delivery;
}
