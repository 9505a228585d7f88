/** `ThreatQClient`: the ThreatQ REST API with tokens, retries, paging and normalised objects. */
import { Redactor, UpstreamHttpError, ValidationError } from '@tqalert/core';
import {
  dataCollectionPath,
  objectDetailsUrl,
  watchlistEntryPath,
  watchlistListPath,
} from './inferred-routes.js';
import { normaliseObject } from './normalise.js';
import { objectRoute } from './object-types.js';
import { type ResolvedOptions, resolveOptions, type ThreatQClientOptions } from './options.js';
import { cursorPages, offsetPages } from './paging.js';
import { itemsOf, singleItem, validate } from './parse-response.js';
import {
  attributeResponseSchema,
  commentResponseSchema,
  listEnvelopeSchema,
  rawObjectSchema,
  watchlistEntrySchema,
} from './schemas.js';
import { TokenGrants } from './token-grants.js';
import { TokenManager } from './token-manager.js';
import { type SendRequest, type SendResult, Transport } from './transport.js';
import type {
  ThreatQAttributeRecord,
  ThreatQComment,
  ThreatQObject,
  ThreatQWatchlistEntry,
} from './types.js';

/** The expansions `getObject()` asks for unless told otherwise (reference section 7). */
export const DEFAULT_OBJECT_EXPANSIONS = [
  'type',
  'status',
  'score',
  'sources',
  'attributes',
  'tags',
  'comments',
] as const;

/** Called with each record that fails validation while paging; without it, such a record throws. */
export type InvalidRecordHandler = (error: ValidationError, raw: unknown) => void;

/** Options shared by the paging methods. */
export interface PagingOptions {
  /** Items per request. Default 500 ({@link DEFAULT_PAGE_SIZE}). */
  pageSize?: number;
  /** Expansions to ask for (`with=`). */
  with?: readonly string[];
  /** Skip (and report) malformed records instead of stopping at the first one. */
  onInvalidRecord?: InvalidRecordHandler;
}

/** The route name of `collection` in any spelling (see object-types.ts), or a ValidationError. */
function checkCollection(collection: string, where: string): string {
  const route = objectRoute(collection);
  if (route === undefined) {
    throw new ValidationError(
      `${where}: collection must be a ThreatQ object type like "indicators", "event" or "Attack Pattern", got ${JSON.stringify(collection)}.`,
      [{ path: 'collection', message: 'expected an object type name (letters, digits, spaces or "_")' }],
    );
  }
  return route;
}

function checkId(id: number | string, where: string, name = 'id'): number {
  const value = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(
      `${where}: ${name} must be a positive whole number, got ${JSON.stringify(id)}.`,
      [{ path: name, message: 'expected a positive integer' }],
    );
  }
  return value;
}

/**
 * Items per request unless told otherwise: 500, like ThreatQ's own SDK and integrations. Fewer, larger pages also
 * keep a long read's memory flat (see bench/paging-memory.mjs).
 */
export const DEFAULT_PAGE_SIZE = 500;

function checkPageSize(pageSize: number | undefined, where: string): number {
  const value = pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new ValidationError(
      `${where}: pageSize must be a whole number from 1 to 10,000, got ${String(pageSize)}.`,
      [{ path: 'pageSize', message: 'out of range' }],
    );
  }
  return value;
}

function checkText(value: unknown, where: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ValidationError(`${where}: ${name} must be a non-empty string.`, [
      { path: name, message: 'expected a non-empty string' },
    ]);
  }
  return value;
}

/**
 * A client for ThreatQ's REST API.
 *
 * @example
 * const threatq = new ThreatQClient({
 *   baseUrl: 'https://threatq.example.com',
 *   auth: { type: 'client_credentials', clientId: 'alerts', clientSecret: process.env.TQ_SECRET ?? '' },
 * });
 * const indicator = await threatq.getObject('indicators', 4711);
 * for await (const match of threatq.readDataCollection('6f1c9a2e4b7d')) console.log(match.value, match.score);
 */
export class ThreatQClient {
  private readonly options: ResolvedOptions;
  private readonly transport: Transport;
  private readonly tokens: TokenManager;

  /** @throws ConfigError when an option is missing or wrong (each problem with its path). */
  constructor(options: ThreatQClientOptions) {
    this.options = resolveOptions(options);
    const redactor = new Redactor().add(
      options.auth.type === 'password' ? options.auth.password : options.auth.clientSecret,
    );
    this.transport = new Transport(this.options, redactor);
    this.tokens = new TokenManager(
      new TokenGrants(this.transport, this.options.auth, redactor),
      this.options.tokenRefreshMarginMs,
      this.options.logger,
    );
  }

  /** ThreatQ's origin, e.g. `https://threatq.example.com`. */
  get origin(): string {
    return this.options.origin;
  }

  /** Sends an authenticated request; on a 401 it logs in again once and repeats the request. */
  private async call(req: SendRequest): Promise<SendResult> {
    // A 401 means the token was refused, not that the request ran: repeating it once is safe, even for writes.
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.tokens.get();
      try {
        return await this.transport.send({
          ...req,
          headers: { ...req.headers, authorization: `Bearer ${token}` },
        });
      } catch (error) {
        if (!UpstreamHttpError.isInstance(error) || error.status !== 401) throw error;
        if (attempt === 2) {
          throw new UpstreamHttpError({
            upstream: 'threatq',
            status: 401,
            request: error.request,
            message: `ThreatQ refused ${error.request} with 401 even with a fresh token. The account may have lost API access, or a proxy strips the Authorization header.`,
            detail: error.detail,
            code: 'THREATQ_UNAUTHORIZED',
            cause: error,
          });
        }
        this.tokens.invalidate(token);
      }
    }
  }

  private object(collection: string, raw: unknown, request: string, path: string): ThreatQObject {
    const parsed = validate(rawObjectSchema, raw, request, path);
    return normaliseObject(collection, parsed, raw, this.objectLink(collection, parsed.id));
  }

  private *objects(
    collection: string,
    items: unknown[],
    request: string,
    onInvalid: InvalidRecordHandler | undefined,
  ): Generator<ThreatQObject> {
    for (let index = 0; index < items.length; index += 1) {
      const raw = items[index];
      // Let go of each record as soon as it is handed on: a page's records then die young instead of being
      // promoted to the old generation while the rest of the page is consumed (flat memory on big collections).
      items[index] = undefined;
      if (onInvalid === undefined) {
        yield this.object(collection, raw, request, `data[${index}]`);
        continue;
      }
      let object: ThreatQObject;
      try {
        object = this.object(collection, raw, request, `data[${index}]`);
      } catch (error) {
        if (!ValidationError.isInstance(error)) throw error;
        onInvalid(error, raw);
        continue;
      }
      yield object;
    }
  }

  /** Reads one object with its expansions (`GET /api/{collection}/{id}?with=…`). */
  async getObject(
    collection: string,
    id: number | string,
    options: { with?: readonly string[] } = {},
  ): Promise<ThreatQObject> {
    const where = 'getObject';
    const name = checkCollection(collection, where);
    const objectId = checkId(id, where);
    const expansions = options.with ?? DEFAULT_OBJECT_EXPANSIONS;
    const { body, request } = await this.call({
      method: 'GET',
      path: `${name}/${objectId}`,
      searchParams: { with: expansions.length > 0 ? expansions.join(',') : undefined },
      read: true,
    });
    const envelope = validate(listEnvelopeSchema, body, request, '');
    return this.object(name, singleItem(envelope.data, request), request, 'data');
  }

  /**
   * Runs a structured query (`POST /api/{collection}/query`, reference 3) and yields every match, page by page
   * (offset paging).
   */
  async *query(
    collection: string,
    body: Record<string, unknown>,
    options: PagingOptions = {},
  ): AsyncGenerator<ThreatQObject> {
    const where = 'query';
    const name = checkCollection(collection, where);
    const pageSize = checkPageSize(options.pageSize, where);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError(`${where}: body must be an object with criteria and/or filters.`, [
        { path: 'body', message: 'expected an object' },
      ]);
    }
    const pages = offsetPages(async (offset, limit) => {
      const result = await this.call({
        method: 'POST',
        path: `${name}/query`,
        searchParams: { limit, offset, with: options.with?.join(',') },
        json: body,
        read: true, // a query changes nothing, so it may be retried
      });
      const envelope = validate(listEnvelopeSchema, result.body, result.request, '');
      return {
        items: itemsOf(envelope.data, result.request),
        total: envelope.total,
        request: result.request,
      };
    }, pageSize);
    for await (const items of pages)
      yield* this.objects(name, items, `POST /api/${name}/query`, options.onInvalidRecord);
  }

  /**
   * Reads a data collection's results (`GET /api/{collection}/query/hash/{hash}`, an inferred route) and yields
   * every match, oldest `updated_at` first, page by page (cursor paging).
   *
   * `startCursorMark` resumes after the position a previous read reported through `onPageEnd` (cursor marks
   * encode a sort position, so a stored one stays valid while objects change), so a poller re-reads only the
   * tail of a large collection instead of all of it.
   */
  async *readDataCollection(
    hash: string,
    options: PagingOptions & {
      collection?: string;
      sort?: string;
      /** Where to start: a `nextCursorMark` from an earlier read. Default `*` (the beginning). */
      startCursorMark?: string;
      /** Called after each page's items were yielded, with the mark that continues after that page. */
      onPageEnd?: (nextCursorMark: string | undefined) => void;
    } = {},
  ): AsyncGenerator<ThreatQObject> {
    const where = 'readDataCollection';
    checkText(hash, where, 'hash');
    const name = checkCollection(options.collection ?? 'indicators', where);
    const pageSize = checkPageSize(options.pageSize, where);
    const path = dataCollectionPath(name, hash);
    const pages = cursorPages(async (cursor) => {
      const result = await this.call({
        method: 'GET',
        path,
        searchParams: {
          sort: options.sort ?? 'updated_at',
          limit: pageSize,
          cursorMark: cursor,
          with: options.with?.join(','),
        },
        read: true,
      });
      const envelope = validate(listEnvelopeSchema, result.body, result.request, '');
      return { items: itemsOf(envelope.data, result.request), next: envelope.nextCursorMark };
    }, options.startCursorMark ?? '*');
    for await (const page of pages) {
      yield* this.objects(name, page.items, `GET /api/${path}`, options.onInvalidRecord);
      options.onPageEnd?.(page.next);
    }
  }

  /** Lists the caller's watchlist (inferred route `GET /api/watchlist`), page by page. */
  async *listWatchlist(
    options: { objectType?: string; pageSize?: number } = {},
  ): AsyncGenerator<ThreatQWatchlistEntry> {
    const where = 'listWatchlist';
    const objectType =
      options.objectType === undefined ? undefined : checkCollection(options.objectType, where);
    const pageSize = checkPageSize(options.pageSize, where);
    let request = `GET /api/${watchlistListPath()}`;
    const pages = offsetPages(async (offset, limit) => {
      const result = await this.call({
        method: 'GET',
        path: watchlistListPath(),
        searchParams: { object_type: objectType, limit, offset },
        read: true,
      });
      request = result.request;
      const envelope = validate(listEnvelopeSchema, result.body, result.request, '');
      return { items: itemsOf(envelope.data, result.request), total: envelope.total };
    }, pageSize);
    let index = 0;
    for await (const items of pages) {
      for (const raw of items) yield this.watchlistEntry(raw, request, `data[${index++}]`, objectType);
    }
  }

  private watchlistEntry(
    raw: unknown,
    request: string,
    path: string,
    fallbackType?: string,
    fallbackId?: number,
  ): ThreatQWatchlistEntry {
    const parsed = validate(watchlistEntrySchema, raw, request, path);
    // Instances spell object_type in the singular (`indicator`) or plural; requests need the route name.
    const named = parsed.object_type ?? fallbackType;
    const collection = named === undefined ? undefined : (objectRoute(named) ?? named);
    const objectId = parsed.object_id ?? fallbackId;
    if (collection === undefined || objectId === undefined) {
      throw new ValidationError(
        `ThreatQ answered ${request} with a watchlist entry without object_type/object_id at ${path}.`,
        [{ path, message: 'object_type and object_id are required' }],
        { code: 'THREATQ_UNEXPECTED_SHAPE' },
      );
    }
    const entry: ThreatQWatchlistEntry = { id: parsed.id, collection, objectId };
    if (parsed.user_id !== undefined && parsed.user_id !== null) entry.userId = parsed.user_id;
    if (parsed.created_at !== undefined && parsed.created_at !== null) entry.createdAt = parsed.created_at;
    return entry;
  }

  /** Watches an object (`POST /api/{collection}/{id}/watchlist`). Never retried. */
  async addToWatchlist(collection: string, id: number | string): Promise<ThreatQWatchlistEntry> {
    const name = checkCollection(collection, 'addToWatchlist');
    const objectId = checkId(id, 'addToWatchlist');
    const { body, request } = await this.call({
      method: 'POST',
      path: watchlistEntryPath(name, objectId),
      read: false,
    });
    const envelope = validate(listEnvelopeSchema, body, request, '');
    return this.watchlistEntry(singleItem(envelope.data, request), request, 'data', name, objectId);
  }

  /** Stops watching (`DELETE /api/{collection}/{id}/watchlist/{watchlistId}`). Never retried. */
  async removeFromWatchlist(
    collection: string,
    id: number | string,
    watchlistId: number | string,
  ): Promise<void> {
    const name = checkCollection(collection, 'removeFromWatchlist');
    const objectId = checkId(id, 'removeFromWatchlist');
    const entryId = checkId(watchlistId, 'removeFromWatchlist', 'watchlistId');
    await this.call({ method: 'DELETE', path: watchlistEntryPath(name, objectId, entryId), read: false });
  }

  /** Adds a comment (`POST /api/{collection}/{id}/comments` `{value}`). Never retried. */
  async addComment(collection: string, id: number | string, text: string): Promise<ThreatQComment> {
    const name = checkCollection(collection, 'addComment');
    const objectId = checkId(id, 'addComment');
    const value = checkText(text, 'addComment', 'text');
    const { body, request } = await this.call({
      method: 'POST',
      path: `${name}/${objectId}/comments`,
      json: { value },
      read: false,
    });
    const envelope = validate(listEnvelopeSchema, body, request, '');
    const comment = validate(commentResponseSchema, singleItem(envelope.data, request), request, 'data');
    return { id: comment.id, value: comment.value, createdAt: comment.created_at };
  }

  /** Adds an attribute (`POST /api/{collection}/{id}/attributes` `{name, value}`). Never retried. */
  async addAttribute(
    collection: string,
    id: number | string,
    name: string,
    value: string | number,
  ): Promise<ThreatQAttributeRecord> {
    const where = 'addAttribute';
    const collectionName = checkCollection(collection, where);
    const objectId = checkId(id, where);
    const attributeName = checkText(name, where, 'name');
    if (typeof value === 'string') checkText(value, where, 'value');
    else if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValidationError(`${where}: value must be a non-empty string or a finite number.`, [
        { path: 'value', message: 'expected a string or number' },
      ]);
    }
    const { body, request } = await this.call({
      method: 'POST',
      path: `${collectionName}/${objectId}/attributes`,
      json: { name: attributeName, value },
      read: false,
    });
    const envelope = validate(listEnvelopeSchema, body, request, '');
    const created = validate(attributeResponseSchema, singleItem(envelope.data, request), request, 'data');
    return { id: created.id, name: created.name, value: String(created.value) };
  }

  /** The object's page in the ThreatQ UI, `https://<host>/<collection>/<id>/details` (an inferred route). */
  objectLink(collection: string, id: number | string): string {
    return objectDetailsUrl(
      this.options.origin,
      checkCollection(collection, 'objectLink'),
      checkId(id, 'objectLink'),
    );
  }
}
