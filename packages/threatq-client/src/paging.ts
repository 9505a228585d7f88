/**
 * Paging as async iterators. Each yields one page at a time and fetches the next only when the consumer asks,
 * so memory stays flat however many objects a query or data collection holds.
 */

/** One offset page: its items and ThreatQ's `total`, when sent. */
export interface OffsetPage {
  items: unknown[];
  total?: number | undefined;
}

/** Pages by `limit`/`offset` until a page is empty or `total` is reached. */
export async function* offsetPages(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage>,
  pageSize: number,
): AsyncGenerator<unknown[]> {
  let offset = 0;
  for (;;) {
    const page = await fetchPage(offset, pageSize);
    if (page.items.length === 0) return;
    yield page.items;
    offset += page.items.length;
    // Without a total, only an empty page ends the list: a server may cap `limit` below the page size asked.
    if (page.total !== undefined && offset >= page.total) return;
  }
}

/** One cursor page: its items and the `nextCursorMark`, when sent. */
export interface CursorPage {
  items: unknown[];
  next?: string | null | undefined;
}

/**
 * Pages by `cursorMark` from `start` (default `*`, the beginning) until `data` is empty or the cursor stops
 * changing (reference 3). Each page comes with the mark that continues after it.
 */
export async function* cursorPages(
  fetchPage: (cursor: string) => Promise<CursorPage>,
  start = '*',
): AsyncGenerator<{ items: unknown[]; next: string | undefined }> {
  let cursor = start;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page.items.length > 0) yield { items: page.items, next: page.next ?? undefined };
    if (page.items.length === 0 || !page.next || page.next === cursor) return;
    cursor = page.next;
  }
}
