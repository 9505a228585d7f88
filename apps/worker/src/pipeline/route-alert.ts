import { type Alert, severityAtLeast } from '@tqalert/core';
import type { RouteConfig } from '../config/schema.js';

/** True when a route's `when` conditions all hold for the alert (no conditions: always). */
export function routeMatches(route: RouteConfig, alert: Alert): boolean {
  const when = route.when;
  if (!when) return true;
  if (when.minSeverity && !severityAtLeast(alert.severity, when.minSeverity)) return false;
  if (when.minScore !== undefined && (alert.score === null || alert.score < when.minScore)) return false;
  if (when.tags && !when.tags.some((t) => alert.tags.includes(t))) return false;
  if (when.collections && !when.collections.includes(alert.object?.collection ?? '')) return false;
  return true;
}

/** When the alert bypasses the route's digest window (severity or score at or above the threshold). */
export function bypassesDigest(route: RouteConfig, alert: Alert): boolean {
  const digest = route.digest;
  if (!digest) return true;
  if (digest.bypassSeverity && severityAtLeast(alert.severity, digest.bypassSeverity)) return true;
  if (digest.bypassScore !== undefined && alert.score !== null && alert.score >= digest.bypassScore)
    return true;
  return false;
}
