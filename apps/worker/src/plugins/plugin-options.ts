import { type StandardSchemaV1, validateWithSchema } from '@tqalert/core';
import { coerceRefused } from '../config/coerce-references.js';

/**
 * Validates a plugin's options with its own schema. A value that was one whole `${…}` reference is a string; where
 * the plugin's schema refuses it and it spells a number or boolean (`port: ${SMTP_PORT}`), it is validated once
 * more as that number or boolean. `path` is the options' config path (`notifiers[0].options`).
 */
export async function validatePluginOptions<O>(
  schema: StandardSchemaV1<unknown, O>,
  raw: unknown,
  path: string,
  references: ReadonlyMap<string, string> | undefined,
): ReturnType<typeof validateWithSchema<O>> {
  const first = await validateWithSchema(schema, raw, path);
  if (first.ok || !references) return first;
  const retry = coerceRefused(
    raw,
    first.issues.map((issue) => issue.path),
    references,
    path,
  );
  return retry.coerced.length > 0 ? validateWithSchema(schema, retry.value, path) : first;
}
