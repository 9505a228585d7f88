import { ValidationError } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { normaliseObject } from './normalise.js';
import { itemsOf, validate } from './parse-response.js';
import { rawObjectSchema } from './schemas.js';

// Shapes public integrations show (reference sections 2 and 5) that the fake does not serve by default.
const parse = (raw: unknown) =>
  normaliseObject('indicators', validate(rawObjectSchema, raw, 'GET /api/x', 'data'), raw, 'link');
const base = { id: '338', created_at: '2022-01-18 15:17:39.815', updated_at: '2022-01-18 15:17:40' };

describe('tolerated variants', () => {
  it('reads string ids, millisecond timestamps and a manual score that overrides the generated one', () => {
    const object = parse({
      ...base,
      value: '203.0.113.9',
      score: { generated_score: '6.50', manual_score: '9' },
    });
    expect(object).toMatchObject({
      id: 338,
      score: 9,
      createdAt: '2022-01-18T15:17:39.815Z',
      updatedAt: '2022-01-18T15:17:40.000Z',
    });
  });

  it('takes title or name when there is no value, and TLP and tags in either form', () => {
    const object = parse({
      ...base,
      title: 'Spearphish: billing',
      score: '',
      sources: [
        { name: 'Feed A', tlp_id: '1' },
        { name: 'Feed B', tlp: { name: 'amber' } },
        { name: 'Feed C' },
      ],
      tags: ['phishing', { id: 3, name: 'c2' }],
      attributes: [{ name: 'Confidence', value: 80 }],
    });
    expect(object.value).toBe('Spearphish: billing');
    expect(object.score).toBeNull();
    expect(object.sources).toEqual([
      { name: 'Feed A', tlp: 'RED' },
      { name: 'Feed B', tlp: 'AMBER' },
      { name: 'Feed C' },
    ]);
    expect(object.tags).toEqual(['phishing', 'c2']);
    expect(object.attributes).toEqual([{ name: 'Confidence', value: '80' }]);
  });

  it('names the path of a value it cannot read', () => {
    let error: unknown;
    try {
      parse({ ...base, value: 'x', updated_at: 'yesterday', score: 'high' });
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual([
      'data.score',
      'data.updated_at',
    ]);
  });

  it('accepts list data as an array, {}, one object, or an object of objects', () => {
    expect(itemsOf([{ id: 1 }], 'r')).toEqual([{ id: 1 }]);
    expect(itemsOf({}, 'r')).toEqual([]);
    expect(itemsOf({ id: 1 }, 'r')).toEqual([{ id: 1 }]);
    expect(itemsOf({ 4: { id: 4 }, 9: { id: 9 } }, 'r')).toEqual([{ id: 4 }, { id: 9 }]);
    expect(() => itemsOf('nope', 'GET /api/x')).toThrow(
      /GET \/api\/x with "data" that is neither a list nor an object/,
    );
  });
});
