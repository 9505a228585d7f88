import {
  type ActionAuditEntry,
  type ActionAuditFilter,
  type ActionOutcomeInput,
  type ClaimOptions,
  ConfigError,
  type ConfigIssue,
  type DeadLetter,
  type Delivery,
  type DeliveryRecord,
  type DeliveryStatus,
  type LaneStats,
  type Logger,
  type NewActionAuditEntry,
  type NewSilence,
  type OutboxStats,
  type PollCommit,
  type SeenEntry,
  type Silence,
  type Store,
  silentLogger,
  TQAlertError,
} from '@tqalert/core';
import { finishAction, listActions, recordAction } from './action-audit.js';
import type { Connection } from './connection.js';
import { listDeadLetters, purgeDeadLetters, replayDeadLetters } from './dead-letters.js';
import { GroupCommit } from './group-commit.js';
import { MIGRATIONS, type Migration, migrate } from './migrations.js';
import { IN_MEMORY, openDatabase, type SynchronousMode } from './open-database.js';
import { laneStats, listDeliveries, outboxStats, purgeDeliveries, retryDeliveries } from './outbox-admin.js';
import { claimDue, releaseLeases } from './outbox-claim.js';
import { markDead, markFailed, sentMark } from './outbox-marks.js';
import { commitPoll } from './poll-commit.js';
import { type PruneCounts, prune, storageBytes } from './retention.js';
import { addSilence, expireSilence, listSilences } from './silences.js';

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** The database file (created if missing; its folder must exist), or `:memory:` for a throwaway store. */
  path: string;
  /** How long a write waits for another connection's lock before failing with `STORE_BUSY`. Default 5000. */
  busyTimeoutMs?: number | undefined;
  /**
   * SQLite `synchronous` level. `full` (default) syncs the WAL on every commit, so a commit survives power loss,
   * not only a killed process; `normal` survives a killed process but may lose the last commits on power loss.
   */
  synchronous?: SynchronousMode | undefined;
  /** Where to say which migrations ran. Default: silent. */
  logger?: Logger | undefined;
  /** Schema steps; tests pass their own. Default: this release's migrations. */
  migrations?: readonly Migration[] | undefined;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** SQLite's busy timeout is a C int of milliseconds. */
const MAX_BUSY_TIMEOUT_MS = 2_147_483_647;

function checkOptions(options: SqliteStoreOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (typeof options?.path !== 'string' || options.path.trim() === '') {
    issues.push({ path: 'path', message: 'must be a file path (or ":memory:"), e.g. "./tqalert.db"' });
  }
  const busy = options?.busyTimeoutMs;
  if (busy !== undefined && (!Number.isInteger(busy) || busy < 0 || busy > MAX_BUSY_TIMEOUT_MS)) {
    issues.push({
      path: 'busyTimeoutMs',
      message: `must be a whole number of milliseconds from 0 to ${MAX_BUSY_TIMEOUT_MS}`,
    });
  }
  const sync = options?.synchronous;
  if (sync !== undefined && sync !== 'full' && sync !== 'normal') {
    issues.push({ path: 'synchronous', message: 'must be "full" or "normal"' });
  }
  return issues;
}

/**
 * The durable default {@link Store}: one SQLite file through `node:sqlite` (no native build), WAL journal,
 * numbered migrations, and one `BEGIN IMMEDIATE` transaction per write, so that the cursor moves only together
 * with the deliveries it enqueues and two processes on one file never claim the same delivery.
 *
 * @example
 * ```ts
 * const store = new SqliteStore({ path: './tqalert.db' });
 * await store.init();
 * ```
 */
export class SqliteStore implements Store {
  /** False only for `:memory:`. */
  readonly durable: boolean;
  /** The database file as given. */
  readonly path: string;
  private readonly options: SqliteStoreOptions;
  private connection: Connection | undefined;
  private closed = false;
  /** `markSent` calls of one event-loop turn share a commit: see {@link GroupCommit}. */
  private readonly sentMarks = new GroupCommit(() => this.conn, 'markSent');

  /** Checks the options; opens nothing until {@link SqliteStore.init}. Throws {@link ConfigError}. */
  constructor(options: SqliteStoreOptions) {
    const issues = checkOptions(options);
    if (issues.length > 0) throw new ConfigError(issues, { source: 'SqliteStore options' });
    this.options = options;
    this.path = options.path;
    this.durable = options.path !== IN_MEMORY;
  }

  /** Opens the file and applies pending migrations. Idempotent; refuses a file written by a newer schema. */
  async init(): Promise<void> {
    if (this.closed) throw this.closedError();
    if (this.connection) return;
    const conn = openDatabase({
      path: this.options.path,
      busyTimeoutMs: this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
      synchronous: this.options.synchronous ?? 'full',
    });
    try {
      const applied = migrate(conn, new Date(), this.options.migrations ?? MIGRATIONS);
      if (applied.length > 0) {
        (this.options.logger ?? silentLogger).info('store schema migrated', { path: this.path, applied });
      }
    } catch (error) {
      conn.close();
      throw error;
    }
    this.connection = conn;
  }

  /** Closes the file. Idempotent; the store cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.connection) this.sentMarks.flush();
    this.closed = true;
    this.connection?.close();
    this.connection = undefined;
  }

  private closedError(): TQAlertError {
    return new TQAlertError(
      'STORE_CLOSED',
      `SQLite store "${this.path}" was closed: create a new SqliteStore to use it again`,
    );
  }

  private get conn(): Connection {
    if (this.connection) return this.connection;
    if (this.closed) throw this.closedError();
    throw new TQAlertError(
      'STORE_NOT_INITIALIZED',
      `SQLite store "${this.path}" is not open: call await store.init() first`,
    );
  }

  async getCursor(service: string): Promise<unknown> {
    const conn = this.conn;
    const row = conn.read('getCursor', () =>
      conn.get<{ value: string }>('SELECT value FROM cursors WHERE service = ?', service),
    );
    return row ? JSON.parse(row.value) : undefined;
  }

  async getSeen(keys: readonly string[]): Promise<Map<string, SeenEntry>> {
    const conn = this.conn;
    const rows = conn.read('getSeen', () =>
      conn.all<{
        key: string;
        service: string;
        first_seen_at: string;
        last_alerted_at: string;
        count: number;
      }>('SELECT * FROM seen WHERE key IN (SELECT value FROM json_each(?))', JSON.stringify(keys)),
    );
    return new Map(
      rows.map((r) => [
        r.key,
        {
          key: r.key,
          service: r.service,
          firstSeenAt: r.first_seen_at,
          lastAlertedAt: r.last_alerted_at,
          count: r.count,
        },
      ]),
    );
  }

  async commitPoll(commit: PollCommit): Promise<{ enqueued: number; duplicates: number }> {
    return commitPoll(this.conn, commit);
  }

  async claimDue(options: ClaimOptions): Promise<Delivery[]> {
    return claimDue(this.conn, options);
  }

  async markSent(id: string, result: Parameters<Store['markSent']>[1]): Promise<void> {
    return this.sentMarks.add(sentMark(this.conn, id, result));
  }

  async markFailed(id: string, result: Parameters<Store['markFailed']>[1]): Promise<void> {
    markFailed(this.conn, id, result);
  }

  async markDead(id: string, result: Parameters<Store['markDead']>[1]): Promise<void> {
    markDead(this.conn, id, result);
  }

  async releaseLeases(owner?: string): Promise<number> {
    return releaseLeases(this.conn, owner);
  }

  async listDeliveries(filter: { status?: DeliveryStatus; limit?: number } = {}): Promise<Delivery[]> {
    return listDeliveries(this.conn, filter);
  }

  async retryDeliveries(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    return retryDeliveries(this.conn, options);
  }

  async purgeDeliveries(options: { ids?: readonly string[]; status?: DeliveryStatus }): Promise<number> {
    return purgeDeliveries(this.conn, options);
  }

  async outboxStats(_now: Date): Promise<OutboxStats> {
    return outboxStats(this.conn);
  }

  async laneStats(now: Date): Promise<LaneStats[]> {
    return laneStats(this.conn, now);
  }

  async listDeadLetters(filter: { limit?: number } = {}): Promise<DeadLetter[]> {
    return listDeadLetters(this.conn, filter);
  }

  async replayDeadLetters(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    return replayDeadLetters(this.conn, options);
  }

  async purgeDeadLetters(options: { ids?: readonly string[] }): Promise<number> {
    return purgeDeadLetters(this.conn, options);
  }

  async addSilence(input: NewSilence): Promise<Silence> {
    return addSilence(this.conn, input);
  }

  async listSilences(options: { now: Date; includeExpired?: boolean }): Promise<Silence[]> {
    return listSilences(this.conn, options);
  }

  async expireSilence(id: string, options: { by: string; now: Date }): Promise<boolean> {
    return expireSilence(this.conn, id, options);
  }

  async getDeliveryRecord(
    objectKey: string,
    notifier: string,
    destination: string,
  ): Promise<DeliveryRecord | undefined> {
    const conn = this.conn;
    const row = conn.read('getDeliveryRecord', () =>
      conn.get<{ record: string }>(
        'SELECT record FROM delivery_records WHERE object_key = ? AND notifier = ? AND destination = ?',
        objectKey,
        notifier,
        destination,
      ),
    );
    return row ? (JSON.parse(row.record) as DeliveryRecord) : undefined;
  }

  /** Retention: deletes up to `limit` rows of each kind older than `before` (see retention.ts). */
  async prune(options: { before: Date; limit: number }): Promise<PruneCounts> {
    return prune(this.conn, options);
  }

  /** Bytes of the database file and its write-ahead log. */
  async storageBytes(): Promise<number> {
    return this.durable ? storageBytes(this.path) : 0;
  }

  /** Records an action under its idempotency key; a key seen before returns the first entry, `created: false`. */
  async recordAction(entry: NewActionAuditEntry): Promise<{ entry: ActionAuditEntry; created: boolean }> {
    return recordAction(this.conn, entry);
  }

  /** Records how an action ended. */
  async finishAction(idempotencyKey: string, outcome: ActionOutcomeInput): Promise<ActionAuditEntry> {
    return finishAction(this.conn, idempotencyKey, outcome);
  }

  /** Recorded actions, newest first (`tqalert actions list`). */
  async listActions(filter?: ActionAuditFilter): Promise<ActionAuditEntry[]> {
    return listActions(this.conn, filter);
  }
}
