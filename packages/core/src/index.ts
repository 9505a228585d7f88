export {
  type ActionActor,
  type ActionAuditEntry,
  type ActionAuditFilter,
  type ActionAuditStore,
  type ActionOutcomeInput,
  type ActionStatus,
  checkNewActionEntry,
  isActionAuditStore,
  MemoryActionAudit,
  matchesActionFilter,
  type NewActionAuditEntry,
  unknownActionKey,
} from './action-audit.js';
export {
  type Alert,
  type AlertInput,
  AlertSchema,
  type Change,
  ChangeSchema,
  createAlert,
  type NotificationType,
  NotificationTypes,
  type ObjectRef,
  ObjectRefSchema,
  SEVERITIES,
  type Severity,
  SeveritySchema,
  severityAtLeast,
  severityFromScore,
  type Tlp,
  TlpSchema,
} from './alert.js';
export {
  ConfigError,
  type ConfigIssue,
  type DeliveredPart,
  DeliveryError,
  describeError,
  isAuthFailure,
  TQAlertError,
  type TQAlertErrorOptions,
  UpstreamHttpError,
  ValidationError,
} from './errors.js';
export { BaseFormatter } from './formatter.js';
export { type Logger, silentLogger } from './logger.js';
export { isLoopbackHost, isLoopbackUrl } from './loopback.js';
export { MemoryStore } from './memory-store.js';
export { BaseNotifier, type DeliveryRecord, type SendOptions } from './notifier.js';
export {
  type AnyPluginDefinition,
  assertPluginDefinition,
  defineFormatter,
  defineNotifier,
  defineService,
  defineStore,
  type FormatterDefinition,
  isPluginDefinition,
  type NotifierDefinition,
  PLUGIN_API_VERSION,
  PLUGIN_BRAND,
  type PluginContext,
  type PluginDefinition,
  type PluginKind,
  type ServiceDefinition,
  type StoreDefinition,
} from './plugin.js';
export { REDACTED, Redactor, redact } from './redact.js';
export { replicaName } from './replica-name.js';
export {
  BaseService,
  type DeliveryFailure,
  type FetchContext,
  type FetchResult,
  type RejectedRecord,
  type SanitizeResult,
  type SendResult,
  type ServiceReport,
  ServiceWorker,
  TQServiceWorker,
} from './service.js';
export { findSilence, silenceActive, silenceMatches } from './silence.js';
export { formatIssuePath, type StandardSchemaV1, validateWithSchema } from './standard-schema.js';
export type {
  ClaimOptions,
  DeadLetter,
  Delivery,
  DeliveryStatus,
  LaneRef,
  LaneStats,
  Lease,
  LeaseRequest,
  MarkDeadInput,
  MarkFailedInput,
  MarkSentInput,
  NewDeadLetter,
  NewDelivery,
  NewSilence,
  OutboxStats,
  PollCommit,
  SeenEntry,
  Silence,
  SilenceMatchers,
  Store,
} from './store.js';
export { isBidiControl } from './text-safety/char-classes.js';
export { DEFANGED_SCHEMES, type IndicatorKind } from './text-safety/indicator-match.js';
export { isPublicSuffix } from './text-safety/public-suffix.js';
export {
  BIDI_REPLACEMENT,
  defangIndicator,
  defangText,
  neutraliseBidi,
  prepareSafeText,
  type SafeTextOptions,
  safeText,
} from './text-safety/safe-text.js';
export { createEscaper, NO_ESCAPING, type TextEscaper } from './text-safety/text-escaper.js';
export {
  type CheckedLink,
  checkThreatQLink,
  threatqAddressOf,
  threatqOrigin,
} from './text-safety/threatq-link.js';
export { validateAlerts } from './validate-alerts.js';
export { isValidatedAlert } from './validated-alert-set.js';
