import type { ConfigIssue } from '@tqalert/core';

type Loose = Record<string, unknown>;
const list = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : []);

/**
 * Checks that go across sections (unique ids, routes naming known notifiers). Runs on the raw data even when
 * the schema found other problems, so a user sees every mistake in one go.
 */
export function crossCheck(data: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!data || typeof data !== 'object') return issues;
  const root = data as Loose;
  const notifierIds = new Set<string>();
  list(root.notifiers).forEach((n, i) => {
    if (typeof n?.id !== 'string') return;
    if (notifierIds.has(n.id))
      issues.push({ path: `notifiers[${i}].id`, message: `duplicate notifier id "${n.id}"` });
    notifierIds.add(n.id);
  });
  const serviceIds = new Set<string>();
  list(root.services).forEach((s, i) => {
    if (typeof s?.id === 'string') {
      if (serviceIds.has(s.id))
        issues.push({ path: `services[${i}].id`, message: `duplicate service id "${s.id}"` });
      serviceIds.add(s.id);
    }
    list(s?.routes).forEach((r, j) => {
      list(r?.notify).forEach((n, k) => {
        if (typeof n === 'string' && !notifierIds.has(n)) {
          const known = [...notifierIds].join(', ') || 'none defined';
          issues.push({
            path: `services[${i}].routes[${j}].notify[${k}]`,
            message: `unknown notifier "${n}" (defined notifiers: ${known})`,
          });
        }
      });
    });
  });
  if (root.interactions && typeof root.interactions === 'object' && !root.izoologic) {
    issues.push({
      path: 'interactions',
      message:
        'Slack case actions need the izoologic: section (host, apiKey, secretKey): add it, or remove interactions:',
    });
  }
  return issues;
}
