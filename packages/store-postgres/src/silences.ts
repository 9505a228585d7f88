import { type NewSilence, type Silence, silenceActive } from '@tqalert/core';
import { dateArg, jsonText, textArg, timeArg } from './arguments.js';
import type { Database } from './database.js';
import { type SilenceRow, toSilence } from './rows.js';

/** Stores a silence; it starts at `startsAt`, or now. */
export async function addSilence(db: Database, input: NewSilence): Promise<Silence> {
  if (typeof input.matchers !== 'object' || input.matchers === null || Array.isArray(input.matchers)) {
    textArg(undefined, 'addSilence.matchers (an object)');
  }
  const matchers = jsonText(input.matchers, 'addSilence.matchers');
  const author = textArg(input.author, 'addSilence.author');
  const reason = textArg(input.reason, 'addSilence.reason');
  const expiresAt = timeArg(input.expiresAt, 'addSilence.expiresAt');
  const createdAt = new Date().toISOString();
  const startsAt = input.startsAt === undefined ? createdAt : timeArg(input.startsAt, 'addSilence.startsAt');
  const [row] = await db.read('addSilence', (q) =>
    q.query<SilenceRow>(
      `INSERT INTO silences (matchers, author, reason, created_at, starts_at, expires_at)
       VALUES ($1::json, $2, $3, $4, $5, $6) RETURNING *`,
      [matchers, author, reason, createdAt, startsAt, expiresAt],
    ),
  );
  if (!row) throw new Error('the silence just inserted was not returned');
  return toSilence(row);
}

/** Silences in force at `now`, or every silence ever made (for the audit trail) with `includeExpired`. */
export async function listSilences(
  db: Database,
  options: { now: Date; includeExpired?: boolean },
): Promise<Silence[]> {
  dateArg(options.now, 'listSilences.now');
  const rows = await db.read('listSilences', (q) =>
    q.query<SilenceRow>('SELECT * FROM silences ORDER BY seq'),
  );
  return rows.map(toSilence).filter((s) => options.includeExpired || silenceActive(s, options.now));
}

/** Ends an active silence now, recording who ended it. False when there is no such active silence. */
export function expireSilence(
  db: Database,
  id: string,
  options: { by: string; now: Date },
): Promise<boolean> {
  const now = dateArg(options.now, 'expireSilence.now');
  const by = textArg(options.by, 'expireSilence.by');
  const match = /^s([1-9]\d{0,17})$/.exec(id);
  if (!match) return Promise.resolve(false);
  return db.write('expireSilence', async (q) => {
    const [row] = await q.query<SilenceRow>('SELECT * FROM silences WHERE seq = $1 FOR UPDATE', [match[1]]);
    if (!row || !silenceActive(toSilence(row), options.now)) return false;
    await q.execute('UPDATE silences SET expired_at = $1, expired_by = $2 WHERE seq = $3', [
      now,
      by,
      row.seq,
    ]);
    return true;
  });
}
