/**
 * zod schemas for what ThreatQ sends, tolerant of the variants public integrations show: numbers as strings,
 * score as a number or an object, tags as names or objects, TLP as an id or a name, timestamps with or without
 * milliseconds (reference sections 2 and 5).
 */
import { z } from 'zod';
import { toIso } from './timestamps.js';

/** A number, or a string holding one (`"6.50"`). */
export const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'expected a number or a numeric string')
    .transform(Number),
]);

/** An object id: a whole number, or a string of digits. */
export const objectId = z.union([
  z.number().int().nonnegative(),
  z.string().regex(/^\d+$/, 'expected a numeric id').transform(Number),
]);

/** A ThreatQ timestamp, handed on as ISO 8601. */
export const timestamp = z.string().transform((value, ctx) => {
  const iso = toIso(value);
  if (iso === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a time like "2026-01-02 10:00:00", got "${value.slice(0, 40)}"`,
    });
    return z.NEVER;
  }
  return iso;
});

const named = z.object({ name: z.string() }).loose();

/** `score` as a number, a numeric string, `{generated_score, manual_score}`, or nothing. */
export const scoreField = z.union([
  numeric,
  z.object({ generated_score: numeric.nullish(), manual_score: numeric.nullish() }).loose(),
  z.literal(''),
  z.null(),
]);

const source = z
  .object({
    name: z.string(),
    tlp_id: numeric.nullish(),
    tlp: z.union([z.string(), named]).nullish(),
  })
  .loose();

const attribute = z
  .object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullable() })
  .loose();

const comment = z.object({ id: objectId, value: z.string(), created_at: timestamp }).loose();

/** One object as ThreatQ sends it (indicator, event, identity, …). */
export const rawObjectSchema = z
  .object({
    id: objectId,
    value: z.string().optional(),
    title: z.string().optional(),
    name: z.string().optional(),
    type: z.union([z.string(), named]).nullish(),
    type_name: z.string().optional(),
    status: z.union([z.string(), named]).nullish(),
    score: scoreField.optional(),
    sources: z.array(source).nullish(),
    attributes: z.array(attribute).nullish(),
    tags: z.array(z.union([z.string(), named])).nullish(),
    comments: z.array(comment).nullish(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .loose()
  .refine((o) => [o.value, o.title, o.name].some((v) => typeof v === 'string' && v !== ''), {
    message: 'has no value, title or name',
  });

/** The parsed form of {@link rawObjectSchema}. */
export type RawObject = z.output<typeof rawObjectSchema>;

/** A list envelope: `data` may be an array, an object (one item, or keyed items) or `{}` (reference 2a). */
export const listEnvelopeSchema = z
  .object({
    data: z.unknown(),
    total: numeric.optional(),
    limit: numeric.optional(),
    offset: numeric.optional(),
    nextCursorMark: z.string().nullish(),
  })
  .loose();

/** One watchlist row (inferred shape, reference section 7). */
export const watchlistEntrySchema = z
  .object({
    id: objectId,
    object_type: z.string().optional(),
    object_id: objectId.optional(),
    user_id: objectId.nullish(),
    created_at: timestamp.nullish(),
  })
  .loose();

/** `POST /api/token`'s answer (reference 1c). */
export const tokenResponseSchema = z
  .object({
    access_token: z.string().min(1, 'access_token is missing or empty'),
    token_type: z.string().optional(),
    expires_in: numeric.optional(),
    refresh_token: z.string().optional(),
  })
  .loose();

/** A created comment. */
export const commentResponseSchema = comment;

/** A created attribute. */
export const attributeResponseSchema = z
  .object({ id: objectId, name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) })
  .loose();
