/** Object references (`indicators:4711`): parsing what a user writes, and the key snapshots are stored under. */

/** A watched object: its ThreatQ collection and id. */
export interface WatchedRef {
  collection: string;
  id: number;
}

/** `collection:id`, as written in config and used as the snapshot key. */
export const OBJECT_REF = /^([a-z][a-z0-9_]*):([1-9]\d{0,15})$/;

/** The key of an object: `indicators:4711`. */
export function objectKey(ref: WatchedRef): string {
  return `${ref.collection}:${ref.id}`;
}

/** Parses `indicators:4711`; undefined when the text is not such a reference. */
export function parseObjectRef(text: string): WatchedRef | undefined {
  const match = OBJECT_REF.exec(text.trim());
  if (match === null) return undefined;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { collection: match[1] as string, id } : undefined;
}
