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
  type Lease,
  type LeaseRequest,
  type Logger,
  type MarkDeadInput,
  type MarkFailedInput,
  type MarkSentInput,
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
import { textArg } from './arguments.js';
import { type ConnectionTarget, parseTarget, poolConfig, type SslOptions } from './connection-target.js';
import { Database } from './database.js';
import { listDeadLetters, purgeDeadLetters, replayDeadLetters } from './dead-letters.js';
import { acquireLease, releaseLease } from './leases.js';
import { MIGRATIONS, type Migration, migrate } from './migrations.js';
import { laneStats, listDeliveries, outboxStats, purgeDeliveries, retryDeliveries } from './outbox-admin.js';
import { claimDue, releaseLeases } from './outbox-claim.js';
import { markDead, markFailed, markSent } from './outbox-marks.js';
import { commitPoll } from './poll-commit.js';
import { addSilence, expireSilence, listSilences } from './silences.js';

/** Lease timings the worker reads from the store it runs on: see the README ("Timings"). */
export interface LeaseTimings {
  /** How long a service or lane lease lasts without renewal. A dead replica's work moves after this. */
  ttlMs: number;
  /** How long a claimed delivery stays leased to the replica that claimed it. */
  claimMs: number;
}

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:5432/database` (e.g. from `${TQALERT_POSTGRES_URL}` in the config). */
  url: string;
  /** The schema holding the store's tables; created if missing. Default `tqalert`. */
  schema?: string | undefined;
  /** Most connections the pool opens. Default 10. */
  poolSize?: number | undefined;
  /** How long a new connection may take. Default 10000. */
  connectTimeoutMs?: number | undefined;
  /**
   * The server ends a session that stays idle this long inside a transaction (a paused or hung replica), so its
   * locks do not hold up the others. Keep it well under `leases.ttlMs`. Default 5000.
   */
  idleInTransactionTimeoutMs?: number | undefined;
  /** TLS: `mode` (`disable`, `require`, `verify-full`) and `caFile`. Default: see {@link SslOptions.mode}. */
  ssl?: SslOptions | undefined;
  /** Lease timings for the worker. Default `{ ttlMs: 15000, claimMs: 60000 }`. */
  leases?: Partial<LeaseTimings> | undefined;
  /** Where to say which migrations ran, and warn about TLS without verification. Default: silent. */
  logger?: Logger | undefined;
  /** Schema steps; tests pass their own. Default: this release's migrations. */
  migrations?: readonly Migration[] | undefined;
}

/** The default schema name. */
export const DEFAULT_SCHEMA = 'tqalert';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function checkOptions(options: PostgresStoreOptions): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (typeof options?.url !== 'string' || options.url.trim() === '') {
    issues.push({ path: 'url', message: 'must be a URL such as postgres://user:password@host:5432/tqalert' });
  }
  const schema = options?.schema ?? DEFAULT_SCHEMA;
  if (typeof schema !== 'string' || !SCHEMA_NAME.test(schema)) {
    issues.push({
      path: 'schema',
      message:
        'must be a lower-case name of letters, digits and _ (not starting with a digit), e.g. "tqalert"',
    });
  }
  const whole = (path: string, value: unknown, min: number, max: number) => {
    if (
      value !== undefined &&
      (!Number.isInteger(value) || (value as number) < min || (value as number) > max)
    ) {
      issues.push({ path, message: `must be a whole number from ${min} to ${max}` });
    }
  };
  whole('poolSize', options?.poolSize, 1, 1000);
  whole('connectTimeoutMs', options?.connectTimeoutMs, 1, 600_000);
  whole('idleInTransactionTimeoutMs', options?.idleInTransactionTimeoutMs, 100, 600_000);
  whole('leases.ttlMs', options?.leases?.ttlMs, 1000, 3_600_000);
  whole('leases.claimMs', options?.leases?.claimMs, 1000, 86_400_000);
  return issues;
}

/**
 * The {@link Store} for several worker replicas on one PostgreSQL database: a connection pool, numbered
 * migrations under an advisory lock, claims with `FOR UPDATE SKIP LOCKED` and a claim lease, and named leases
 * with fencing epochs (`acquireLease`, `commitPoll({ fence })`).
 *
 * @example
 * ```ts
 * const store = new PostgresStore({ url: process.env.TQALERT_POSTGRES_URL ?? '', schema: 'tqalert' });
 * await store.init();
 * ```
 */
export class PostgresStore implements Store {
  readonly durable = true;
  /** The schema the tables live in. */
  readonly schema: string;
  /** Where the store connects, without the password. */
  readonly target: ConnectionTarget;
  /** Lease timings for the worker: see {@link LeaseTimings}. */
  readonly timings: LeaseTimings;
  private readonly options: PostgresStoreOptions;
  private readonly logger: Logger;
  private database: Database | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;

  /** Checks the options; connects to nothing until {@link PostgresStore.init}. Throws {@link ConfigError}. */
  constructor(options: PostgresStoreOptions) {
    const issues = checkOptions(options);
    if (issues.length > 0) throw new ConfigError(issues, { source: 'PostgresStore options' });
    this.options = options;
    this.schema = options.schema ?? DEFAULT_SCHEMA;
    this.target = parseTarget(options.url, options.ssl);
    this.timings = { ttlMs: options.leases?.ttlMs ?? 15_000, claimMs: options.leases?.claimMs ?? 60_000 };
    this.logger = options.logger ?? silentLogger;
  }

  /**
   * Connects and applies pending migrations (once, however many replicas start together). Idempotent; refuses
   * a schema written by a newer release, and explains a refused connection, bad credentials or a missing
   * database.
   */
  init(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError());
    this.opening ??= this.open().catch((error) => {
      this.opening = undefined;
      throw error;
    });
    return this.opening;
  }

  private async open(): Promise<void> {
    if (this.target.sslMode === 'require') {
      this.logger.warn('PostgreSQL TLS without certificate verification (ssl.mode "require")', {
        server: this.target.display,
        fix: 'set ssl.mode to "verify-full" and ssl.caFile to the CA of the server certificate',
      });
    }
    const config = poolConfig(this.target, {
      schema: this.schema,
      poolSize: this.options.poolSize ?? 10,
      connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
      idleInTransactionTimeoutMs: this.options.idleInTransactionTimeoutMs ?? 5000,
    });
    const db = new Database(config, { target: this.target, schema: this.schema }, (error) =>
      this.logger.warn('PostgreSQL connection dropped while idle; the pool reconnects', {
        error: error.message,
      }),
    );
    try {
      const applied = await migrate(db, this.schema, new Date(), this.options.migrations ?? MIGRATIONS);
      if (applied.length > 0) {
        this.logger.info('store schema migrated', {
          server: this.target.display,
          schema: this.schema,
          applied,
        });
      }
    } catch (error) {
      await db.close();
      throw error;
    }
    this.database = db;
  }

  /** Closes the pool. Idempotent; the store cannot be used afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => {});
    const db = this.database;
    this.database = undefined;
    await db?.close();
  }

  private closedError(): TQAlertError {
    return new TQAlertError(
      'STORE_CLOSED',
      `PostgreSQL store ${this.target.display} (schema "${this.schema}") was closed: create a new PostgresStore to use it again`,
    );
  }

  private get db(): Database {
    if (this.database) return this.database;
    if (this.closed) throw this.closedError();
    throw new TQAlertError(
      'STORE_NOT_INITIALIZED',
      `PostgreSQL store ${this.target.display} (schema "${this.schema}") is not open: call await store.init() first`,
    );
  }

  async getCursor(service: string): Promise<unknown> {
    const name = textArg(service, 'getCursor.service');
    const [row] = await this.db.read('getCursor', (q) =>
      q.query<{ value: unknown }>('SELECT value FROM cursors WHERE service = $1', [name]),
    );
    return row?.value;
  }

  async getSeen(keys: readonly string[]): Promise<Map<string, SeenEntry>> {
    if (keys.length === 0) return new Map();
    const rows = await this.db.read('getSeen', (q) =>
      q.query<{ key: string; service: string; first_seen_at: Date; last_alerted_at: Date; count: number }>(
        'SELECT * FROM seen WHERE key = ANY($1::text[])',
        [[...keys]],
      ),
    );
    return new Map(
      rows.map((r) => [
        r.key,
        {
          key: r.key,
          service: r.service,
          firstSeenAt: r.first_seen_at.toISOString(),
          lastAlertedAt: r.last_alerted_at.toISOString(),
          count: r.count,
        },
      ]),
    );
  }

  commitPoll(commit: PollCommit): Promise<{ enqueued: number; duplicates: number }> {
    return commitPoll(this.db, commit);
  }

  claimDue(options: ClaimOptions): Promise<Delivery[]> {
    return claimDue(this.db, this.schema, options);
  }

  laneStats(now: Date): Promise<LaneStats[]> {
    return laneStats(this.db, now);
  }

  markSent(id: string, result: MarkSentInput): Promise<void> {
    return markSent(this.db, id, result);
  }

  markFailed(id: string, result: MarkFailedInput): Promise<void> {
    return markFailed(this.db, id, result);
  }

  markDead(id: string, result: MarkDeadInput): Promise<void> {
    return markDead(this.db, id, result);
  }

  releaseLeases(owner?: string): Promise<number> {
    return releaseLeases(this.db, owner);
  }

  listDeliveries(filter: { status?: DeliveryStatus; limit?: number } = {}): Promise<Delivery[]> {
    return listDeliveries(this.db, filter);
  }

  retryDeliveries(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    return retryDeliveries(this.db, options);
  }

  purgeDeliveries(options: { ids?: readonly string[]; status?: DeliveryStatus }): Promise<number> {
    return purgeDeliveries(this.db, options);
  }

  outboxStats(_now: Date): Promise<OutboxStats> {
    return outboxStats(this.db);
  }

  listDeadLetters(filter: { limit?: number } = {}): Promise<DeadLetter[]> {
    return listDeadLetters(this.db, filter);
  }

  replayDeadLetters(options: { ids?: readonly string[]; now: Date }): Promise<number> {
    return replayDeadLetters(this.db, options);
  }

  purgeDeadLetters(options: { ids?: readonly string[] }): Promise<number> {
    return purgeDeadLetters(this.db, options);
  }

  /** Records a case action under its idempotency key, or returns the entry already there (`created: false`). */
  recordAction(entry: NewActionAuditEntry): Promise<{ entry: ActionAuditEntry; created: boolean }> {
    return recordAction(this.db, entry);
  }

  /** Records how a case action ended. */
  finishAction(idempotencyKey: string, outcome: ActionOutcomeInput): Promise<ActionAuditEntry> {
    return finishAction(this.db, idempotencyKey, outcome);
  }

  /** Recorded case actions, newest first. */
  listActions(filter?: ActionAuditFilter): Promise<ActionAuditEntry[]> {
    return listActions(this.db, filter);
  }

  addSilence(input: NewSilence): Promise<Silence> {
    return addSilence(this.db, input);
  }

  listSilences(options: { now: Date; includeExpired?: boolean }): Promise<Silence[]> {
    return listSilences(this.db, options);
  }

  expireSilence(id: string, options: { by: string; now: Date }): Promise<boolean> {
    return expireSilence(this.db, id, options);
  }

  async getDeliveryRecord(
    objectKey: string,
    notifier: string,
    destination: string,
  ): Promise<DeliveryRecord | undefined> {
    const [row] = await this.db.read('getDeliveryRecord', (q) =>
      q.query<{ record: DeliveryRecord }>(
        'SELECT record FROM delivery_records WHERE object_key = $1 AND notifier = $2 AND destination = $3',
        [objectKey, notifier, destination],
      ),
    );
    return row?.record;
  }

  /** Takes or renews a named lease (a service's polling, a lane's sending): see the README ("Leases"). */
  acquireLease(input: LeaseRequest): Promise<Lease | undefined> {
    return acquireLease(this.db, input);
  }

  /** Gives a lease up now, if `owner` holds it. */
  releaseLease(input: { name: string; owner: string }): Promise<void> {
    return releaseLease(this.db, input);
  }
}
