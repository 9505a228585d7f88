import { ConfigError, type ConfigIssue, describeError } from '@tqalert/core';
import type { Runtime } from './build-runtime.js';

/**
 * Asks every notifier to check that it can deliver (Slack names resolve, the SMTP login is accepted), without
 * sending. Every problem of every notifier is reported at once, each under its notifier's config path, as one
 * ConfigError; `tqalert-worker --check` and `tqalert validate --online` exit 2 on it.
 */
export async function verifyNotifiers(runtime: Runtime): Promise<void> {
  const issues: ConfigIssue[] = [];
  const ids = runtime.loaded.config.notifiers.map((n) => n.id);
  await Promise.all(
    [...runtime.notifiers].map(async ([id, notifier]) => {
      const path = `notifiers[${ids.indexOf(id)}]`;
      try {
        await notifier.verify();
      } catch (error) {
        if (ConfigError.isInstance(error)) {
          for (const issue of error.issues)
            issues.push({ path: `${path}.options.${issue.path}`, message: issue.message });
        } else {
          issues.push({
            path,
            message: `notifier "${id}" cannot deliver: ${runtime.redactor.text(describeError(error))}`,
          });
        }
      }
    }),
  );
  if (issues.length > 0) {
    issues.sort((a, b) => a.path.localeCompare(b.path));
    throw new ConfigError(issues, { source: runtime.loaded.file });
  }
}
