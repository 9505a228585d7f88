import { Cron } from 'croner';
import type { ServiceConfig } from '../config/schema.js';

/** Milliseconds from `now` until the service's next run (interval from the end of the last run, or cron). */
export function msUntilNextRun(config: ServiceConfig, now: Date): number {
  if (config.cron) {
    const next = new Cron(config.cron, { paused: true }).nextRun(now);
    return next ? Math.max(0, next.getTime() - now.getTime()) : Number.POSITIVE_INFINITY;
  }
  return config.every ?? 60_000;
}

/** Checks a cron expression; returns an error message or undefined. */
export function cronError(expression: string): string | undefined {
  try {
    new Cron(expression, { paused: true });
    return undefined;
  } catch (error) {
    return `invalid cron expression "${expression}": ${(error as Error).message}`;
  }
}
