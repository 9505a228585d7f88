export type { CheckResult, RunOptions } from './checks.js';
export { ConformanceError } from './ensure.js';
export type { FormatterFactory, FormatterSuiteOptions } from './formatter-harness.js';
export { FORMATTER_CHECK_NAMES, runFormatterChecks, testFormatter } from './formatter-suite.js';
export type {
  NotifierFactory,
  NotifierHarness,
  NotifierSuiteOptions,
  ReceivedMessage,
} from './notifier-harness.js';
export { NOTIFIER_CHECK_NAMES, runNotifierChecks, testNotifier } from './notifier-suite.js';
export {
  alertBatch,
  dataCollectionAlert,
  freeFormAlert,
  HOSTILE_MARKERS,
  hostileAlert,
  sampleAlerts,
  watchlistAlert,
} from './sample-alerts.js';
export * from './smtp-sink.js';
export type { StoreFactory, StoreHarness } from './store-harness.js';
export { runStoreChecks, STORE_CHECK_NAMES, testStore } from './store-suite.js';
