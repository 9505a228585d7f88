export { durationSchema, parseDuration } from './config/duration.js';
export { type LoadedConfig, loadConfig, parseConfig } from './config/load-config.js';
export { type LoadedStoreConfig, loadStoreConfig } from './config/load-store-config.js';
export { withPluginIssues } from './config/plugin-option-issues.js';
export {
  configJsonSchema,
  configSchema,
  type NotifierConfig,
  type RouteConfig,
  type ServiceConfig,
  type WorkerConfig,
} from './config/schema.js';
export { Dispatcher, type DispatchSummary } from './dispatch/dispatcher.js';
export { createLogger, type LoggerOptions, type LogLevel } from './log/logger.js';
export { Metrics } from './ops/metrics.js';
export { type PollReport, pollService } from './pipeline/poll-service.js';
export { loadPlugin } from './plugins/load-plugin.js';
export {
  buildRuntime,
  closeRuntime,
  createStore,
  type Runtime,
  type ServiceEntry,
} from './runtime/build-runtime.js';
export { verifyNotifiers } from './runtime/verify-notifiers.js';
export { DEFAULT_ONCE_MAX_WAIT_MS, type OnceSummary, Worker, type WorkerOptions } from './worker.js';
