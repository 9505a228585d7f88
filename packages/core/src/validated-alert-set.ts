/**
 * The alerts {@link createAlert} has validated, remembered by identity (a WeakSet: no memory is held once an
 * alert is dropped). Formatters check their input at the boundary; an alert createAlert returned is not parsed
 * again, so a pipeline validates each alert once.
 */
const validated = new WeakSet<object>();

/** Records that `alert` is the output of a successful validation. Called by createAlert only. */
export function rememberValidatedAlert(alert: object): void {
  validated.add(alert);
}

/**
 * True when `value` is an alert object that {@link createAlert} returned. An alert changed after that is the
 * caller's responsibility: treat alerts as immutable values.
 */
export function isValidatedAlert(value: unknown): boolean {
  return typeof value === 'object' && value !== null && validated.has(value);
}
