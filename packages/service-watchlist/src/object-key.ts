/** Object references (`indicators:4711`): parsing what a user writes, and the key snapshots are stored under. */
import { objectRoute } from '@tqalert/threatq-client';

/** A watched object: its ThreatQ collection and id. */
export interface WatchedRef {
  collection: string;
  id: number;
}

/** `collection:id`, as written in config (any spelling of the type: `indicator:7`, `Attack Pattern:3`). */
export const OBJECT_REF = /^([A-Za-z][A-Za-z0-9_ -]*):([1-9]\d{0,15})$/;

/** The key of an object: `indicators:4711`. */
export function objectKey(ref: WatchedRef): string {
  return `${ref.collection}:${ref.id}`;
}

/** Parses `indicators:4711` (or `indicator:4711`) to the route name and id; undefined when it is no reference. */
export function parseObjectRef(text: string): WatchedRef | undefined {
  const match = OBJECT_REF.exec(text.trim());
  if (match === null) return undefined;
  const id = Number(match[2]);
  const collection = objectRoute(match[1] as string);
  return Number.isSafeInteger(id) && collection !== undefined ? { collection, id } : undefined;
}
