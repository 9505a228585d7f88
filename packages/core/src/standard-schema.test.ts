import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatIssuePath, validateWithSchema } from './standard-schema.js';

describe('formatIssuePath', () => {
  it('joins keys with dots and indexes with brackets, after a prefix', () => {
    expect(formatIssuePath(['channels', 1, 'name'])).toBe('channels[1].name');
    expect(formatIssuePath([{ key: 'to' }, { key: 0 }], 'notifiers[0].options')).toBe(
      'notifiers[0].options.to[0]',
    );
    expect(formatIssuePath(undefined)).toBe('');
  });
});

describe('validateWithSchema', () => {
  const schema = z.object({ channels: z.array(z.string().min(1)).min(1), every: z.string().default('5m') });

  it('returns the parsed value with defaults', async () => {
    expect(await validateWithSchema(schema, { channels: ['#soc'] })).toEqual({
      ok: true,
      value: { channels: ['#soc'], every: '5m' },
    });
  });

  it('returns every issue with its full path', async () => {
    const result = await validateWithSchema(
      schema,
      { channels: ['#soc', ''], every: 5 },
      'notifiers[1].options',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path).sort()).toEqual([
      'notifiers[1].options.channels[1]',
      'notifiers[1].options.every',
    ]);
  });

  it('names the prefix, or the root, for a problem with the whole value', async () => {
    const atPrefix = await validateWithSchema(schema, 'nope', 'services[0].options');
    expect(!atPrefix.ok && atPrefix.issues[0]?.path).toBe('services[0].options');
    const atRoot = await validateWithSchema(schema, 'nope');
    expect(!atRoot.ok && atRoot.issues[0]?.path).toBe('(root)');
  });
});
