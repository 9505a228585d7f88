/**
 * The compact state of one watched object that the cursor keeps between polls. Only the compared fields are
 * kept, lists are sorted (so order changes upstream are not news), and comment text is shortened: the worker
 * stores the whole cursor on every poll.
 */
import type { ThreatQObject } from '@tqalert/threatq-client';
import { z } from 'zod';
import type { WatchableField } from './config.js';

/** How much of a comment the snapshot keeps: enough to recognise an edit and to quote a removed one. */
export const COMMENT_SNIPPET_LENGTH = 80;

/** The remembered state of one object. A field left out was not compared when the snapshot was taken. */
export interface WatchSnapshot {
  /** Display value, for titles when the object can no longer be read. */
  value: string;
  updatedAt: string;
  score?: number | null;
  status?: string | null;
  /** Source names, sorted. */
  sources?: string[];
  /** `[name, value]` pairs, sorted. */
  attributes?: Array<[string, string]>;
  /** Tag names, sorted. */
  tags?: string[];
  /** `[id, start of the text]`, by id. */
  comments?: Array<[number, string]>;
}

/** The start of a comment, on one line. */
export function commentSnippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= COMMENT_SNIPPET_LENGTH ? line : `${line.slice(0, COMMENT_SNIPPET_LENGTH - 1)}…`;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const unique = (items: string[]): string[] => [...new Set(items)].sort(byText);

/** The snapshot of `object`, keeping the `fields` compared. */
export function snapshotOf(object: ThreatQObject, fields: readonly WatchableField[]): WatchSnapshot {
  const snapshot: WatchSnapshot = { value: object.value, updatedAt: object.updatedAt };
  const wants = new Set(fields);
  if (wants.has('score')) snapshot.score = object.score;
  if (wants.has('status')) snapshot.status = object.status ?? null;
  if (wants.has('sources')) snapshot.sources = unique(object.sources.map((s) => s.name));
  if (wants.has('tags')) snapshot.tags = unique(object.tags);
  if (wants.has('attributes')) {
    const pairs = new Map(object.attributes.map((a) => [JSON.stringify([a.name, a.value]), a] as const));
    snapshot.attributes = [...pairs.keys()].sort(byText).map((key) => {
      const attribute = pairs.get(key) as { name: string; value: string };
      return [attribute.name, attribute.value];
    });
  }
  if (wants.has('comments')) {
    snapshot.comments = [...object.comments]
      .sort((a, b) => a.id - b.id)
      .map((comment) => [comment.id, commentSnippet(comment.value)]);
  }
  return snapshot;
}

const snapshotSchema = z.object({
  value: z.string(),
  updatedAt: z.string(),
  score: z.number().nullable().optional(),
  status: z.string().nullable().optional(),
  sources: z.array(z.string()).optional(),
  attributes: z.array(z.tuple([z.string(), z.string()])).optional(),
  tags: z.array(z.string()).optional(),
  comments: z.array(z.tuple([z.number(), z.string()])).optional(),
});

/** The cursor: one snapshot per watched object, by `collection:id`. */
export interface WatchlistCursor {
  version: 1;
  objects: Record<string, WatchSnapshot>;
}

const cursorSchema = z.object({
  version: z.literal(1),
  objects: z.record(z.string(), snapshotSchema),
});

/** The snapshots in a stored cursor; `valid: false` when it is not a cursor this service wrote. */
export function readCursor(cursor: unknown): { objects: Map<string, WatchSnapshot>; valid: boolean } {
  if (cursor === undefined || cursor === null) return { objects: new Map(), valid: true };
  const parsed = cursorSchema.safeParse(cursor);
  if (!parsed.success) return { objects: new Map(), valid: false };
  return { objects: new Map(Object.entries(parsed.data.objects) as [string, WatchSnapshot][]), valid: true };
}

/** The cursor to store. */
export function writeCursor(objects: Map<string, WatchSnapshot>): WatchlistCursor {
  return { version: 1, objects: Object.fromEntries(objects) };
}
