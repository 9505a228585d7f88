import { type NewSilence, type Silence, silenceActive } from '@tqalert/core';
import type { Connection } from './connection.js';
import { isoOf, object, text, timeMs, toJson } from './input-checks.js';

interface SilenceRow {
  seq: number;
  matchers: string;
  author: string;
  reason: string;
  created_at: string;
  starts_at: string;
  expires_at: string;
  expired_at: string | null;
  expired_by: string | null;
}

/** Silence ids are `s` + a number, so they cannot be mistaken for delivery or dead-letter ids. */
function silenceId(seq: number): string {
  return `s${seq}`;
}

function toSilence(row: SilenceRow): Silence {
  const silence: Silence = {
    id: silenceId(row.seq),
    matchers: JSON.parse(row.matchers),
    author: row.author,
    reason: row.reason,
    createdAt: row.created_at,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
  };
  if (row.expired_at !== null) silence.expiredAt = row.expired_at;
  if (row.expired_by !== null) silence.expiredBy = row.expired_by;
  return silence;
}

/** Stores a silence; it starts at `startsAt`, or now. */
export function addSilence(conn: Connection, input: NewSilence): Silence {
  const matchers = toJson(object(input.matchers, 'addSilence.matchers'), 'addSilence.matchers');
  const author = text(input.author, 'addSilence.author');
  const reason = text(input.reason, 'addSilence.reason');
  timeMs(input.expiresAt, 'addSilence.expiresAt');
  if (input.startsAt !== undefined) timeMs(input.startsAt, 'addSilence.startsAt');
  const createdAt = new Date().toISOString();
  const startsAt = input.startsAt ?? createdAt;
  return conn.write('addSilence', () => {
    const { lastInsertRowid } = conn.run(
      `INSERT INTO silences (matchers, author, reason, created_at, starts_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      matchers,
      author,
      reason,
      createdAt,
      startsAt,
      input.expiresAt,
    );
    const row = conn.get<SilenceRow>('SELECT * FROM silences WHERE seq = ?', lastInsertRowid);
    if (!row) throw new Error('the silence just inserted is missing');
    return toSilence(row);
  });
}

/** Silences in force at `now`, or every silence ever made (for the audit trail) with `includeExpired`. */
export function listSilences(conn: Connection, options: { now: Date; includeExpired?: boolean }): Silence[] {
  isoOf(options.now, 'listSilences.now');
  return conn.read('listSilences', () =>
    conn
      .all<SilenceRow>('SELECT * FROM silences ORDER BY seq')
      .map(toSilence)
      .filter((s) => options.includeExpired || silenceActive(s, options.now)),
  );
}

/** Ends an active silence now, recording who ended it. False when there is no such active silence. */
export function expireSilence(conn: Connection, id: string, options: { by: string; now: Date }): boolean {
  const now = isoOf(options.now, 'expireSilence.now');
  const by = text(options.by, 'expireSilence.by');
  const match = /^s([1-9]\d{0,15})$/.exec(id);
  if (!match) return false;
  return conn.write('expireSilence', () => {
    const row = conn.get<SilenceRow>('SELECT * FROM silences WHERE seq = ?', Number(match[1]));
    if (!row || !silenceActive(toSilence(row), options.now)) return false;
    conn.run('UPDATE silences SET expired_at = ?, expired_by = ? WHERE seq = ?', now, by, row.seq);
    return true;
  });
}
