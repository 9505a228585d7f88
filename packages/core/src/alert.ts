import { z } from 'zod';
import { fastAlertParser } from './alert-fast-path.js';
import { ValidationError } from './errors.js';
import { formatIssuePath } from './standard-schema.js';
import { rememberValidatedAlert } from './validated-alert-set.js';

/** The kinds of notification the guide names. Open to more: any non-empty string is a valid type. */
export const NotificationTypes = {
  WATCHLIST: 'WATCHLIST',
  DATA_COLLECTION: 'DATA_COLLECTION',
  FREE_FORM: 'FREE_FORM',
} as const;

/** One of {@link NotificationTypes}, or a type a plugin adds. */
export type NotificationType = (typeof NotificationTypes)[keyof typeof NotificationTypes] | (string & {});

/** How urgent an alert is. Services map ThreatQ scores onto it; routes and digests may match on it. */
export const SeveritySchema = z.enum(['info', 'low', 'medium', 'high', 'critical']);
/** One of `info`, `low`, `medium`, `high`, `critical`. */
export type Severity = z.infer<typeof SeveritySchema>;

/** The ordered list of severities, lowest first. */
export const SEVERITIES: readonly Severity[] = SeveritySchema.options;

/** Traffic Light Protocol marking of the data in an alert. */
export const TlpSchema = z.enum(['CLEAR', 'WHITE', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED']);
/** A TLP marking: `CLEAR`, `WHITE`, `GREEN`, `AMBER`, `AMBER+STRICT` or `RED`. */
export type Tlp = z.infer<typeof TlpSchema>;

/** The ThreatQ (or other) object an alert is about. */
export const ObjectRefSchema = z.object({
  /** Collection name as ThreatQ spells it in URLs: `indicators`, `events`, `adversaries`, `identity`, … */
  collection: z.string().min(1),
  id: z.union([z.number().int(), z.string().min(1)]),
  /** The object's display value: an indicator value, an event title, an adversary name. */
  value: z.string(),
  /** Object type name (`FQDN`, `IP Address`, `Spearphish`). */
  type: z.string().optional(),
  /** Deep link into the ThreatQ UI. */
  link: z.string().url().optional(),
});
/** The object an alert is about, as {@link ObjectRefSchema} validates it. */
export type ObjectRef = z.infer<typeof ObjectRefSchema>;

/** One field that changed: `score` 5 → 8, a new source, a new tag. */
export const ChangeSchema = z.object({
  field: z.string().min(1),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
/** One changed field, as {@link ChangeSchema} validates it. */
export type Change = z.infer<typeof ChangeSchema>;

/** An alert, as every service produces and every formatter consumes it. */
export const AlertSchema = z.object({
  /** Stable dedup key: the same finding always yields the same id (service + object + change fingerprint). */
  id: z.string().min(1).max(512),
  type: z.string().min(1) as z.ZodType<NotificationType>,
  /** The id of the service that produced the alert. */
  service: z.string().min(1),
  object: ObjectRefSchema.optional(),
  title: z.string().min(1),
  summary: z.string().default(''),
  severity: SeveritySchema.default('info'),
  /** Numeric score (ThreatQ's 0-10), when the object has one. */
  score: z.number().finite().nullable().default(null),
  changes: z.array(ChangeSchema).default([]),
  /** Source names (feeds, users) that reported the object. */
  sources: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  tlp: TlpSchema.optional(),
  /** When it happened, ISO 8601. */
  occurredAt: z.iso.datetime({ offset: true }),
  /** Anything else a formatter may show, as label → value. */
  fields: z.record(z.string(), z.unknown()).default({}),
});

/** A validated alert: defaults filled in. */
export type Alert = z.output<typeof AlertSchema>;
/** What a service may hand in: optional fields may be left out. */
export type AlertInput = z.input<typeof AlertSchema>;

// (Exported for its agreement test only; not part of the package index.)
// The well-formed common case is checked by hand (zod's parse was an eighth of a pipeline's time); anything the
// fast path is unsure of goes to zod, so zod decides every rejection and words every error.
export const fastAlert = fastAlertParser({
  severities: SeveritySchema.options,
  tlps: TlpSchema.options,
  occurredAt: z.regexes.datetime({ offset: true }),
});

/**
 * Validates and normalises an alert, throwing a {@link ValidationError} that names every bad path. The result is
 * remembered as validated, so formatters do not parse it again; treat it as immutable.
 */
export function createAlert(input: AlertInput | unknown): Alert {
  const fast = fastAlert(input) as Alert | undefined;
  if (fast !== undefined) {
    rememberValidatedAlert(fast);
    return fast;
  }
  const result = AlertSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      path: formatIssuePath(issue.path) || '(root)',
      message: issue.message,
    }));
    throw new ValidationError(
      `Invalid alert: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
      { code: 'ALERT_INVALID' },
    );
  }
  rememberValidatedAlert(result.data);
  return result.data;
}

/** Maps a 0-10 score to a severity: <2 info, <4 low, <6 medium, <8 high, else critical. */
export function severityFromScore(score: number | null | undefined): Severity {
  if (score === null || score === undefined || Number.isNaN(score)) return 'info';
  if (score < 2) return 'info';
  if (score < 4) return 'low';
  if (score < 6) return 'medium';
  if (score < 8) return 'high';
  return 'critical';
}

/** True when `a` is at least as severe as `b`. */
export function severityAtLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b);
}
