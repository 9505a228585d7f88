/** Turns a validated ThreatQ object into the client's {@link ThreatQObject}. */
import type { RawObject } from './schemas.js';
import type { ThreatQObject, ThreatQSource } from './types.js';

const TLP_NAMES: Record<number, string> = { 1: 'RED', 2: 'AMBER', 3: 'GREEN', 4: 'WHITE' };

function nameOf(value: string | { name: string } | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.name;
}

/** Manual score when set, else generated (reference 2c); null when ThreatQ sent none. */
export function effectiveScore(score: RawObject['score']): number | null {
  if (score === undefined || score === null || score === '') return null;
  if (typeof score === 'number') return score;
  return score.manual_score ?? score.generated_score ?? null;
}

function source(raw: NonNullable<RawObject['sources']>[number]): ThreatQSource {
  const tlp = nameOf(raw.tlp) ?? (typeof raw.tlp_id === 'number' ? TLP_NAMES[raw.tlp_id] : undefined);
  return tlp === undefined ? { name: raw.name } : { name: raw.name, tlp: tlp.toUpperCase() };
}

/** The normalised object. `link` comes from the caller, which knows the host. */
export function normaliseObject(
  collection: string,
  parsed: RawObject,
  raw: unknown,
  link: string,
): ThreatQObject {
  const object: ThreatQObject = {
    collection,
    id: parsed.id,
    value: (parsed.value || parsed.title || parsed.name) as string,
    score: effectiveScore(parsed.score),
    sources: (parsed.sources ?? []).map(source),
    attributes: (parsed.attributes ?? []).map((a) => ({
      name: a.name,
      value: a.value === null ? '' : String(a.value),
    })),
    tags: (parsed.tags ?? []).map((t) => (typeof t === 'string' ? t : t.name)),
    comments: (parsed.comments ?? []).map((c) => ({ id: c.id, value: c.value, createdAt: c.created_at })),
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
    link,
    raw,
  };
  const type = nameOf(parsed.type) ?? parsed.type_name;
  const status = nameOf(parsed.status);
  if (type !== undefined) object.type = type;
  if (status !== undefined) object.status = status;
  return object;
}
