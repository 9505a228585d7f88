import { type ConfigIssue, formatIssuePath } from '@tqalert/core';
import type { z } from 'zod';

/** A zod error as the `{ path, message }` issues TQ Alert errors carry (`to[1]`, `tls.ca`, `(root)`). */
export function issuesOf(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((issue) => ({
    path: formatIssuePath(issue.path) || '(root)',
    message: issue.message,
  }));
}
