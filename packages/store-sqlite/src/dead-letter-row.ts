import type { DeadLetter } from '@tqalert/core';

/** A `dead_letters` row as SQLite returns it. */
export interface DeadLetterRow {
  id: number;
  kind: DeadLetter['kind'];
  service: string;
  notifier: string | null;
  destination: string | null;
  key: string | null;
  reason: string;
  payload: string | null;
  attempts: number;
  dead_at: string;
}

/** A dead letter as callers see it. */
export function toDeadLetter(row: DeadLetterRow): DeadLetter {
  const letter: DeadLetter = {
    id: String(row.id),
    kind: row.kind,
    service: row.service,
    reason: row.reason,
    payload: row.payload === null ? undefined : JSON.parse(row.payload),
    attempts: row.attempts,
    deadAt: row.dead_at,
  };
  if (row.notifier !== null) letter.notifier = row.notifier;
  if (row.destination !== null) letter.destination = row.destination;
  if (row.key !== null) letter.key = row.key;
  return letter;
}
