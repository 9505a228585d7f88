/**
 * INFERRED ROUTES. No public ThreatQ source documents these; they are the project's decisions (reference
 * `threatq-api.md` section 7). They live together in this one module so that someone with a real instance
 * can correct them in one place. Everything else in this client follows documented routes.
 */

/** Path segments are always encoded, so an id or hash can never step outside its route. */
const seg = (value: string | number): string => encodeURIComponent(String(value));

/**
 * INFERRED: listing what the caller watches. `GET /api/watchlist?object_type=&limit=&offset=` returning
 * `{ total, data: [{ id, object_type, object_id, user_id, created_at }] }`.
 */
export function watchlistListPath(): string {
  return 'watchlist';
}

/**
 * Documented for indicators (`POST /api/indicators/{id}/watchlist`, reference 4); INFERRED for every other
 * collection.
 */
export function watchlistEntryPath(collection: string, id: number, watchlistId?: number): string {
  const base = `${seg(collection)}/${seg(id)}/watchlist`;
  return watchlistId === undefined ? base : `${base}/${seg(watchlistId)}`;
}

/**
 * INFERRED: a data collection's results. `GET /api/{collection}/query/hash/{hash}?sort=&limit=&cursorMark=`,
 * paged by `nextCursorMark` until `data` is empty (or `{}`) or the cursor stops changing. The route is seen in
 * Elastic's integration for indicators; the response's full shape is not documented.
 */
export function dataCollectionPath(collection: string, hash: string): string {
  return `${seg(collection)}/query/hash/${seg(hash)}`;
}

/** The UI calls attachments "files" (reference 2b); every other collection keeps its API name. */
const UI_COLLECTION: Record<string, string> = { attachments: 'files' };

/** INFERRED: the UI's deep link to an object, `https://<host>/<collection>/<id>/details`. */
export function objectDetailsUrl(origin: string, collection: string, id: number): string {
  return `${origin}/${seg(UI_COLLECTION[collection] ?? collection)}/${seg(id)}/details`;
}
