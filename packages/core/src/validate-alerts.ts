import { type Alert, createAlert } from './alert.js';
import { ValidationError } from './errors.js';
import { isValidatedAlert } from './validated-alert-set.js';

/**
 * The check a formatter makes at its boundary: every alert validated (defaults filled in), naming the one that
 * is wrong (`alerts[3].title: …`). Alerts that {@link createAlert} returned pass without being parsed again.
 *
 * @param who - Named in the error: `SlackFormatter`, `EmailFormatter`, …
 * @throws ValidationError (`ALERT_INVALID`) with one issue per bad path, prefixed `alerts[i].`.
 */
export function validateAlerts(alerts: readonly unknown[], who: string): Alert[] {
  return alerts.map((alert, i) => {
    if (isValidatedAlert(alert)) return alert as Alert;
    try {
      return createAlert(alert);
    } catch (error) {
      if (!ValidationError.isInstance(error)) throw error;
      const issues = error.issues.map((issue) => ({
        path: `alerts[${i}].${issue.path}`,
        message: issue.message,
      }));
      throw new ValidationError(
        `${who} cannot format alerts[${i}]: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`,
        issues,
        { code: 'ALERT_INVALID', cause: error },
      );
    }
  });
}
