/**
 * What the worker knows about one lane between sends: whether it is held after lane failures (an unknown
 * channel, refused credentials, a long Retry-After), until when, and why. Kept in memory: after a restart a
 * held lane is simply tried once more.
 */
import type { LaneRef } from '@tqalert/core';

/** Kinds of lane failure, for metrics and readiness. */
export type LaneFailureKind = 'auth' | 'destination' | 'rate_limited';

/** A lane's state. */
export interface LaneHealth extends LaneRef {
  /** Lane failures in a row (0 once a send succeeds). */
  failures: number;
  /** Epoch ms until which the lane sends nothing. */
  heldUntil: number;
  kind?: LaneFailureKind | undefined;
  lastError?: string | undefined;
}

/** `notifier|destination`, the key of a lane in maps and lease names. */
export function laneKey(lane: LaneRef): string {
  return `${lane.notifier}|${lane.destination}`;
}

/** A fresh, healthy lane. */
export function healthyLane(lane: LaneRef): LaneHealth {
  return { notifier: lane.notifier, destination: lane.destination, failures: 0, heldUntil: 0 };
}

/** True when the lane waits for a person (a typo, a refused token) rather than for time (a rate limit). */
export function needsFixing(health: LaneHealth): boolean {
  return health.failures > 0 && (health.kind === 'auth' || health.kind === 'destination');
}
