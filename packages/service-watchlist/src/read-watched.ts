/**
 * Reads every watched object, `concurrency` at a time. A problem with ONE object (it is gone, forbidden, or
 * malformed) becomes a rejected record and the others go on; a problem with ThreatQ itself (unreachable, rate
 * limited after retries, 5xx, token refused) fails the poll, so the next poll starts from the same cursor.
 */
import {
  describeError,
  isAuthFailure,
  type RejectedRecord,
  UpstreamHttpError,
  ValidationError,
} from '@tqalert/core';
import type { ThreatQObject } from '@tqalert/threatq-client';
import { objectKey, type WatchedRef } from './object-key.js';
import type { WatchlistThreatQ } from './watched-set.js';

/** What reading the watched set gave: objects by key, and the ones that could not be read. */
export interface ReadResult {
  objects: Map<string, ThreatQObject>;
  rejected: RejectedRecord[];
}

/** Statuses that speak about one object rather than about ThreatQ or this client. */
const OBJECT_STATUSES = new Set([400, 403, 404, 410, 422]);

function rejection(ref: WatchedRef, error: unknown): RejectedRecord | undefined {
  const key = objectKey(ref);
  const record = { collection: ref.collection, id: ref.id };
  // A refused login (ThreatQ answers 400 to a wrong secret) is about the worker, not this object.
  if (isAuthFailure(error)) return undefined;
  if (UpstreamHttpError.isInstance(error) && OBJECT_STATUSES.has(error.status)) {
    const reason =
      error.status === 404 || error.status === 410
        ? `watched object ${key} no longer exists (ThreatQ answered ${error.status} to ${error.request}): remove it from the watchlist or from the service's objects`
        : `watched object ${key} could not be read: ${describeError(error)}`;
    return { reason, record, objectKey: key };
  }
  if (ValidationError.isInstance(error)) {
    return { reason: `watched object ${key} is malformed: ${describeError(error)}`, record, objectKey: key };
  }
  return undefined;
}

/** Reads `refs` with at most `concurrency` requests in flight. */
export async function readWatched(
  threatq: WatchlistThreatQ,
  refs: readonly WatchedRef[],
  concurrency: number,
  signal?: AbortSignal,
): Promise<ReadResult> {
  const result: ReadResult = { objects: new Map(), rejected: [] };
  let failure: { error: unknown } | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < refs.length) {
      signal?.throwIfAborted();
      const ref = refs[next++] as WatchedRef;
      try {
        result.objects.set(objectKey(ref), await threatq.getObject(ref.collection, ref.id));
      } catch (error) {
        const rejected = rejection(ref, error);
        if (rejected === undefined) failure ??= { error };
        else result.rejected.push(rejected);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, refs.length) }, worker));
  if (failure !== undefined) throw failure.error;
  // Rejections arrive in completion order; report them in watched order.
  const order = new Map(refs.map((ref, index) => [objectKey(ref), index]));
  result.rejected.sort((a, b) => (order.get(a.objectKey ?? '') ?? 0) - (order.get(b.objectKey ?? '') ?? 0));
  return result;
}
