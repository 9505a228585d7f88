import { describe, expect, it } from 'vitest';
import { AlertSchema, createAlert, fastAlert } from './alert.js';
import { ValidationError } from './errors.js';

class Box {
  constructor(readonly field = 'score') {}
}

/** Values a service might hand over, right and wrong: strings that are numbers, holes, odd objects, edge times. */
const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  '',
  'x',
  '5',
  5,
  5.5,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  true,
  [],
  ['a', 'b'],
  [1],
  // biome-ignore lint/suspicious/noSparseArray: a hole is one of the inputs under test
  [, 'a'],
  {},
  { a: 1 },
  Object.create(null),
  Object.assign(Object.create(null), { a: 1 }),
  { [Symbol('s')]: 1 },
  JSON.parse('{"__proto__": 1, "b": 2}'),
  JSON.parse('{"__proto__": {"polluted": 1}, "b": 2}'),
  { constructor: class {}, b: 2 },
  new Box(),
  new Date(0),
  'https://threatq.example/indicators/1',
  ' https://threatq.example/x',
  'https://threat\tq.example/x',
  'not a url',
  'javascript:alert(1)',
  '2026-03-01T12:00:00Z',
  '2026-03-01T12:00:00.123+02:00',
  '2026-03-01T12:00:00',
  '2026-02-30T00:00:00Z',
  '2024-02-29T00:00:00Z',
  'critical',
  'urgent',
  'AMBER',
  'amber',
  'x'.repeat(512),
  'x'.repeat(513),
  [{ field: 'score', before: 1, after: 2 }],
  [{ field: 'tags' }],
  [{ field: '' }],
  [{ field: 'a', before: undefined }],
  [new Box()],
  { collection: 'indicators', id: 1, value: 'evil.example' },
  { collection: 'indicators', id: '7', value: 'v', type: 'FQDN', link: 'https://t.example/1' },
  { collection: 'indicators', id: 1.5, value: 'v' },
  { collection: 'indicators', id: 1, value: 'v', link: undefined },
];

const PATHS: readonly (readonly string[])[] = [
  ['id'],
  ['type'],
  ['service'],
  ['object'],
  ['object', 'collection'],
  ['object', 'id'],
  ['object', 'value'],
  ['object', 'type'],
  ['object', 'link'],
  ['title'],
  ['summary'],
  ['severity'],
  ['score'],
  ['changes'],
  ['changes', '0'],
  ['changes', '0', 'field'],
  ['changes', '0', 'before'],
  ['sources'],
  ['sources', '1'],
  ['tags'],
  ['tlp'],
  ['occurredAt'],
  ['fields'],
  ['fields', 'Status'],
  ['extra'],
];

function fullInput(): Record<string, unknown> {
  return {
    id: 'watchlist|indicators:1|score',
    type: 'WATCHLIST',
    service: 'watchlist',
    object: {
      collection: 'indicators',
      id: 1,
      value: 'evil.example',
      type: 'FQDN',
      link: 'https://threatq.example/indicators/1/details',
    },
    title: 'Score raised',
    summary: 'From 4 to 8',
    severity: 'high',
    score: 8,
    changes: [{ field: 'score', before: 4, after: 8 }],
    sources: ['Feed A', 'Feed B'],
    tags: ['phishing'],
    tlp: 'AMBER',
    occurredAt: '2026-03-01T12:00:00Z',
    fields: { Status: 'Active', Count: 3 },
  };
}

function minimalInput(): Record<string, unknown> {
  return { id: 'cli|1', type: 'FREE_FORM', service: 'cli', title: 'Hi', occurredAt: '2026-03-01T12:00:00Z' };
}

/** Sets (or, with `remove`, deletes) `path` in `input`, making the objects on the way when they are missing. */
function mutate(
  input: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
  remove: boolean,
): void {
  let node: Record<string, unknown> = input;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    if (typeof child !== 'object' || child === null) return;
    node = child as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (remove) delete node[last];
  else node[last] = value;
}

/** Inputs made by a few random changes to a valid one (a fixed seed: the same inputs every run). */
function generatedInputs(count: number, seed: number): unknown[] {
  // mulberry32: the low bits of a plain LCG repeat too soon to reach every path × value pair.
  let state = seed;
  const next = (n: number): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
  return Array.from({ length: count }, () => {
    const input = next(2) === 0 ? fullInput() : minimalInput();
    const changes = next(4);
    for (let i = 0; i < changes; i++) {
      const path = PATHS[next(PATHS.length)] as readonly string[];
      mutate(input, path, ODD_VALUES[next(ODD_VALUES.length)], next(6) === 0);
    }
    return input;
  });
}

/**
 * Values with their keys in order and what their prototype is, so that two results agree in what
 * JSON.stringify and for…in show, and in what they inherit.
 */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  const kind = proto === Object.prototype ? 'Object' : proto === null ? 'null' : 'other';
  return [kind, ...Object.keys(value).map((key) => [key, ordered((value as Record<string, unknown>)[key])])];
}

describe('the fast alert check', () => {
  const inputs = generatedInputs(20_000, 11);

  it('never accepts what zod refuses, and returns what zod returns, keys in the same order', () => {
    const disagreements: string[] = [];
    for (const input of inputs) {
      const fast = fastAlert(input);
      if (fast === undefined) continue;
      const zod = AlertSchema.safeParse(input);
      if (!zod.success || !Object.is(JSON.stringify(ordered(fast)), JSON.stringify(ordered(zod.data))))
        disagreements.push(JSON.stringify(ordered(input)));
      else expect(fast).toStrictEqual(zod.data);
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
  });

  it('takes most well-formed inputs, so validation is cheap in the common case', () => {
    const valid = inputs.filter((input) => AlertSchema.safeParse(input).success);
    const fast = valid.filter((input) => fastAlert(input) !== undefined);
    expect(valid.length).toBeGreaterThan(2_000);
    expect(fast.length / valid.length).toBeGreaterThan(0.9);
    expect(fastAlert(fullInput())).toBeDefined();
    expect(fastAlert(minimalInput())).toBeDefined();
  });

  it('leaves createAlert accepting exactly what zod accepts, with zod’s error messages', () => {
    for (const input of inputs.slice(0, 5_000)) {
      const zod = AlertSchema.safeParse(input);
      let error: unknown;
      try {
        expect(createAlert(input)).toStrictEqual(zod.data);
      } catch (caught) {
        error = caught;
      }
      if (zod.success) expect(error).toBeUndefined();
      else {
        expect(ValidationError.isInstance(error)).toBe(true);
        for (const issue of zod.error.issues) expect((error as Error).message).toContain(issue.message);
      }
    }
  });

  it('gives every alert its own default lists, so changing one cannot change another', () => {
    const a = createAlert(minimalInput());
    const b = createAlert(minimalInput());
    expect(a.tags).not.toBe(b.tags);
    expect(a.fields).not.toBe(b.fields);
  });

  it('copies lists and objects from the input, so a later change to the input leaves the alert alone', () => {
    const input = fullInput();
    const alert = createAlert(input);
    (input.sources as string[]).push('Feed C');
    (input.object as Record<string, unknown>).value = 'other.example';
    expect(alert.sources).toEqual(['Feed A', 'Feed B']);
    expect(alert.object?.value).toBe('evil.example');
  });
});
