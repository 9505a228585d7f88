/** The normalised shapes the client returns, whatever variant ThreatQ sent. */

/** A source of an object, with its TLP when ThreatQ sent one (`RED`, `AMBER`, `GREEN`, `WHITE`). */
export interface ThreatQSource {
  name: string;
  tlp?: string;
}

/** An attribute (`Confidence: High`). Values are always strings. */
export interface ThreatQAttribute {
  name: string;
  value: string;
}

/** A comment on an object. */
export interface ThreatQComment {
  id: number;
  value: string;
  /** ISO 8601 (UTC). */
  createdAt: string;
}

/** One ThreatQ object (indicator, event, adversary, identity, …), normalised. */
export interface ThreatQObject {
  /** The API collection it came from (`indicators`, `events`, `identity`, …). */
  collection: string;
  id: number;
  /** `value`, or `title` (events), or `name` (adversaries, signatures). */
  value: string;
  /** Type name, e.g. `IP Address`, when ThreatQ sent it. */
  type?: string;
  /** Status name, e.g. `Active`, when ThreatQ sent it. */
  status?: string;
  /** The effective score: the manual score when set, else the generated one; null when there is none. */
  score: number | null;
  sources: ThreatQSource[];
  attributes: ThreatQAttribute[];
  tags: string[];
  comments: ThreatQComment[];
  /** ISO 8601 (UTC). */
  createdAt: string;
  /** ISO 8601 (UTC). */
  updatedAt: string;
  /** Link to the object in the ThreatQ UI (an inferred route). */
  link: string;
  /** The object exactly as ThreatQ sent it. */
  raw: unknown;
}

/** A watchlist row (inferred shape). */
export interface ThreatQWatchlistEntry {
  id: number;
  collection: string;
  objectId: number;
  userId?: number;
  /** ISO 8601 (UTC), when sent. */
  createdAt?: string;
}

/** What `addAttribute()` returns. */
export interface ThreatQAttributeRecord extends ThreatQAttribute {
  id: number;
}
