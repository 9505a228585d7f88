/** Checks the `result` of a successful envelope against what the call expects, naming the first odd field. */
import type { z } from 'zod';
import type { CallSpec } from './call-spec.js';
import { IZoologicError } from './errors.js';

/** `result` parsed with `schema`, or an `IZOOLOGIC_BAD_RESPONSE` error that says which field was wrong. */
export function parseResult<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  spec: CallSpec,
  where = 'result',
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = [where, ...(issue?.path ?? [])].map(String).join('.');
  const maybe = spec.kind === 'action';
  throw new IZoologicError({
    code: 'IZOOLOGIC_BAD_RESPONSE',
    status: 200,
    request: `POST ${spec.path}`,
    maybeApplied: maybe,
    message:
      `iZoologic answered ${spec.action} with success but an unexpected ${path}: ${issue?.message ?? 'invalid'}.` +
      (maybe ? ' The action may have been applied: check in iZoologic before trying again.' : ''),
  });
}
