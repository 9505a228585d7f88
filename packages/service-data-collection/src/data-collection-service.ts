/** `DataCollectionService` (the guide's SavedSearchService): new and updated matches of a data collection. */
import {
  BaseService,
  ConfigError,
  type FetchContext,
  type FetchResult,
  NotificationTypes,
  UpstreamHttpError,
  type ValidationError,
} from '@tqalert/core';
import type { ThreatQClient, ThreatQObject } from '@tqalert/threatq-client';
import {
  type DataCollectionServiceConfig,
  type ResolvedDataCollectionConfig,
  resolveDataCollectionConfig,
} from './config.js';
import type { DataCollectionCursor } from './high-water-mark.js';
import { readMark } from './high-water-mark.js';
import { identify } from './malformed-match.js';
import { type MatchOrigin, matchAlert } from './match-alert.js';
import { matchFilter } from './match-filter.js';
import { baselineNote, invalidCursorNote, type NoteSubject, skippedNote } from './notes.js';
import { PollState } from './poll-state.js';
import { planRead } from './read-plan.js';

/** The ThreatQ calls the service makes. A `ThreatQClient` has them. */
export type DataCollectionThreatQ = Pick<ThreatQClient, 'readDataCollection' | 'objectLink'>;

/** Expansions asked for with each page: enough for severity, TLP, sources and tags. */
const EXPANSIONS = ['type', 'status', 'score', 'sources', 'tags'] as const;

/** The first argument, checked: a missing client is the worker config's missing `threatq:` section. */
function checkClient(threatq: unknown): DataCollectionThreatQ {
  const client = threatq as Partial<Record<keyof DataCollectionThreatQ, unknown>> | null | undefined;
  if (typeof client?.readDataCollection === 'function' && typeof client.objectLink === 'function')
    return client as DataCollectionThreatQ;
  const message =
    client === undefined || client === null
      ? 'no ThreatQ client: the data collection service reads ThreatQ, so the worker config needs a threatq: section (url, auth); in code, pass a ThreatQClient as the first argument'
      : 'expected a ThreatQClient from @tqalert/threatq-client as the first argument of new DataCollectionService(threatq, { hash })';
  throw new ConfigError([{ path: 'threatq', message }], { source: 'DataCollectionService' });
}

/**
 * Alerts on new and updated matches of a ThreatQ data collection (a saved Threat Library search).
 *
 * The cursor is a high-water mark (`updatedAt`, `id`) plus the keys handled near it. Each poll streams the
 * collection oldest `updated_at` first, page by page, and alerts on matches updated since the mark, re-reading an
 * `overlap` window below it so that late writes are not missed (see `read-plan.ts` for the exact rules). After an
 * outage longer than `maxCatchUp`, older changes are skipped and a note says which, and how to backfill them. The
 * first run records the mark without alerting (`firstRun: 'baseline'`), unless told to alert.
 *
 * @example
 * const service = new DataCollectionService(threatq, { hash: '6f1c9a2e4b7d', name: 'High score', minScore: 7 });
 * service.addNotifier(notifier);
 * worker.addService(service);
 * await worker.start();
 */
export class DataCollectionService extends BaseService {
  /** The options in effect, defaults filled in (durations in ms). */
  readonly config: ResolvedDataCollectionConfig;
  private readonly threatq: DataCollectionThreatQ;
  private readonly passes: (object: ThreatQObject) => boolean;

  /** @throws ConfigError when `threatq` is not a ThreatQ client or an option is wrong (each with its path). */
  constructor(threatq: DataCollectionThreatQ, config: DataCollectionServiceConfig) {
    const client = checkClient(threatq);
    const resolved = resolveDataCollectionConfig(config);
    super(resolved.id, NotificationTypes.DATA_COLLECTION);
    this.threatq = client;
    this.config = resolved;
    this.passes = matchFilter(resolved);
  }

  /** Reads the collection and alerts on what is new or updated since `context.cursor` (or since `context.since`). */
  async fetchAlerts(context: FetchContext): Promise<FetchResult> {
    const { config } = this;
    const subject: NoteSubject = { service: this.id, name: config.name ?? config.hash };
    const notes: string[] = [];
    const warnings: string[] = [];
    const stored = context.since === undefined ? readMark(context.cursor) : undefined;
    if (stored === 'invalid') warnings.push(invalidCursorNote(subject));
    const mark = stored === 'invalid' ? undefined : stored;
    const plan = planRead({
      mark,
      since: context.since,
      now: context.now,
      overlapMs: config.overlap,
      maxCatchUpMs: config.maxCatchUp,
      firstRun: config.firstRun,
    });
    const state = new PollState(
      plan,
      config.overlap,
      mark === undefined ? undefined : { at: Date.parse(mark.updatedAt), id: mark.id },
    );
    const origin: MatchOrigin = {
      service: this.id,
      hash: config.hash,
      name: subject.name,
      link: (collection, id) => this.threatq.objectLink(collection, id),
    };

    // Resume where an earlier poll's pages passed `mark - overlap`, so a poll reads the tail, not the collection.
    const start = plan.mode === 'alert' && context.since === undefined ? mark?.resume : undefined;
    const pageEnds: Array<{ mark: string; lastAt: number }> = [];
    let lastAt = Number.NEGATIVE_INFINITY;
    const read = async (startCursorMark: string | undefined) => {
      const matches = this.threatq.readDataCollection(config.hash, {
        collection: config.collection,
        sort: 'updated_at',
        pageSize: config.pageSize,
        with: EXPANSIONS,
        ...(startCursorMark ? { startCursorMark } : {}),
        onPageEnd: (next) => {
          if (next) pageEnds.push({ mark: next, lastAt });
        },
        onInvalidRecord: (error, raw) => {
          const at = identify(raw).updatedAt;
          if (at !== undefined) lastAt = Math.max(lastAt, at);
          this.onInvalid(state, error, raw);
        },
      });
      for await (const object of matches) {
        context.signal?.throwIfAborted();
        const at = Date.parse(object.updatedAt);
        lastAt = Math.max(lastAt, at);
        state.sawValid(object, at);
        const verdict = state.judge(object.id, at);
        if (!this.passes(object)) continue;
        if (verdict === 'cut') state.skip(at);
        if (verdict === 'news')
          state.alerts.push(matchAlert(origin, object, plan.isNew(object.id, Date.parse(object.createdAt))));
      }
    };
    let usedStart = start;
    try {
      await read(start);
    } catch (error) {
      // A stored position ThreatQ no longer accepts (an upgrade, a re-index): read from the beginning instead.
      if (!(start && state.read === 0 && UpstreamHttpError.isInstance(error) && error.status === 400))
        throw error;
      warnings.push(
        `${subject.name}: ThreatQ refused the stored read position; read the whole collection instead`,
      );
      usedStart = undefined;
      await read(undefined);
    }

    const markMs = state.newest?.at ?? context.now.getTime();
    if (plan.mode === 'baseline') notes.push(baselineNote(subject, markMs, state.read));
    if (state.skipped.count > 0) {
      warnings.push(
        skippedNote(subject, state.skipped, {
          markMs: mark === undefined ? undefined : Date.parse(mark.updatedAt),
          horizonMs: plan.lower,
          maxCatchUpMs: config.maxCatchUp,
        }),
      );
    }
    // The latest page end strictly below the next poll's overlap window; else keep the position used now.
    const below = pageEnds.filter((p) => p.lastAt < markMs - config.overlap).at(-1)?.mark;
    const resume = below ?? usedStart;
    const cursor: DataCollectionCursor = {
      version: 1,
      updatedAt: new Date(markMs).toISOString(),
      id: state.newest?.id ?? 0,
      recent: state.recent.keys(markMs),
      ...(resume ? { resume } : {}),
    };
    return { alerts: state.alerts, cursor, rejected: state.rejected, notes, warnings };
  }

  /** A match the client could not read: rejected once per version, or counted as skipped like a valid one. */
  private onInvalid(state: PollState, error: ValidationError, raw: unknown): void {
    const { id, updatedAt } = identify(raw);
    if (id !== undefined && updatedAt !== undefined) {
      const verdict = state.judge(id, updatedAt);
      if (verdict === 'cut') state.skip(updatedAt);
      if (verdict !== 'news') return;
    }
    state.rejected.push({
      reason: `data collection ${this.config.hash} sent a match that cannot be read: ${error.message}`,
      record: raw,
      ...(id === undefined ? {} : { objectKey: `${this.config.collection}:${id}` }),
    });
  }
}
