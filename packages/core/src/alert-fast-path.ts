/**
 * A hand-written check for the common, well-formed alert input: the same result as `AlertSchema.safeParse`
 * (defaults filled in, unknown keys dropped, keys in the schema's order), at a fraction of zod's cost. It
 * answers only when it is sure: anything unusual (a wrong type, a missing field, a prototype that is not
 * Object's, a URL with spaces around it, symbol keys) gives `undefined`, and the caller asks zod, so every
 * rejection and its error message stay zod's. `alert-fast-path.test.ts` checks that the two agree.
 */

/** What the fast path must know of the schema: its enums and its date-time pattern. */
export interface FastPathRules {
  readonly severities: readonly string[];
  readonly tlps: readonly string[];
  /** The pattern `occurredAt` must match (zod's own ISO date-time pattern, with offsets). */
  readonly occurredAt: RegExp;
}

/** Mirrors `AlertSchema`'s `id` limit. */
const MAX_ID = 512;

type Plain = Record<string, unknown>;

/**
 * A plain object (`{…}`, its constructor `Object`): the shape zod reads the way this path does. Objects of
 * other prototypes may have getters or inherited keys; those go to zod.
 */
function isPlain(value: unknown): value is Plain {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.getPrototypeOf(value) === Object.prototype &&
    (value as Plain).constructor === Object
  );
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A copy of a list of strings, or undefined when it is not one (holes and non-strings included). */
function strings(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  // Filled by push, not `new Array(length)`: a holey array is slower for every reader after us.
  const out: string[] = [];
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string') return undefined;
    out.push(item);
  }
  return out;
}

/** Zod keeps an optional key when the input has it (even as `undefined`), and leaves it out otherwise. */
function copyOptional(from: Plain, to: Plain, key: string, value: unknown): void {
  if (value !== undefined || key in from) to[key] = value;
}

function changes(value: unknown): Plain[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const out: Plain[] = [];
  for (let i = 0; i < value.length; i++) {
    const change: unknown = value[i];
    if (!isPlain(change)) return undefined;
    const field = change.field;
    if (!nonEmpty(field)) return undefined;
    const copy: Plain = { field };
    copyOptional(change, copy, 'before', change.before);
    copyOptional(change, copy, 'after', change.after);
    out.push(copy);
  }
  return out;
}

/** An http(s) or other URL zod's `url()` accepts unchanged: parseable, nothing for it to trim or strip. */
function isKeptUrl(value: string): boolean {
  if (value.trim() !== value) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13) return false;
  }
  return URL.canParse(value);
}

function objectRef(value: unknown): Plain | undefined {
  if (!isPlain(value)) return undefined;
  const { collection, id, value: shown, type, link } = value;
  if (!nonEmpty(collection) || typeof shown !== 'string') return undefined;
  if (!(typeof id === 'number' ? Number.isSafeInteger(id) : nonEmpty(id))) return undefined;
  if (type !== undefined && typeof type !== 'string') return undefined;
  if (link !== undefined && !(typeof link === 'string' && isKeptUrl(link))) return undefined;
  const out: Plain = { collection, id, value: shown };
  copyOptional(value, out, 'type', type);
  copyOptional(value, out, 'link', link);
  return out;
}

/** `fields`: own enumerable string keys of a plain object, values kept as they are. */
function fields(value: unknown): Plain | undefined {
  if (value === undefined) return {};
  if (!isPlain(value) || Object.getOwnPropertySymbols(value).length > 0) return undefined;
  const out: Plain = {};
  for (const key of Object.keys(value)) {
    // zod skips an own `__proto__` key; rare enough to leave to it.
    if (key === '__proto__') return undefined;
    out[key] = value[key];
  }
  return out;
}

/**
 * Makes the fast check for `rules`. The result, given an input, returns what `AlertSchema.safeParse(input).data`
 * would (a new object, as zod's), or `undefined` when zod must decide.
 */
export function fastAlertParser(rules: FastPathRules): (input: unknown) => Plain | undefined {
  const severities = new Set(rules.severities);
  const tlps = new Set(rules.tlps);
  const occurredAtPattern = rules.occurredAt;
  return (input) => {
    if (!isPlain(input)) return undefined;
    const { id, type, service, object, title, summary, severity, score, tlp, occurredAt } = input;
    if (!nonEmpty(id) || id.length > MAX_ID || !nonEmpty(type) || !nonEmpty(service) || !nonEmpty(title))
      return undefined;
    if (summary !== undefined && typeof summary !== 'string') return undefined;
    if (severity !== undefined && !(typeof severity === 'string' && severities.has(severity)))
      return undefined;
    if (score !== undefined && score !== null && !(typeof score === 'number' && Number.isFinite(score)))
      return undefined;
    if (tlp !== undefined && !(typeof tlp === 'string' && tlps.has(tlp))) return undefined;
    if (typeof occurredAt !== 'string' || !occurredAtPattern.test(occurredAt)) return undefined;
    const ref = object === undefined ? undefined : objectRef(object);
    if (object !== undefined && ref === undefined) return undefined;
    const changeList = changes(input.changes);
    const sources = strings(input.sources);
    const tags = strings(input.tags);
    const extra = fields(input.fields);
    if (!changeList || !sources || !tags || !extra) return undefined;
    // Keys in the schema's order, as zod writes them.
    const out: Plain = { id, type, service };
    copyOptional(input, out, 'object', ref);
    out.title = title;
    out.summary = summary ?? '';
    out.severity = severity ?? 'info';
    out.score = score ?? null;
    out.changes = changeList;
    out.sources = sources;
    out.tags = tags;
    copyOptional(input, out, 'tlp', tlp);
    out.occurredAt = occurredAt;
    out.fields = extra;
    return out;
  };
}
