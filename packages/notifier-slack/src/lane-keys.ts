/**
 * Lanes of the Slack notifier: one per configured channel or user, named WITHOUT asking Slack, so that a poll
 * never depends on Slack and a typo in one name holds only that name's lane.
 *
 * - `#name` is a channel written by name (`general`, `#general`), resolved when its first message is sent;
 * - `@name` is a user to DM (handle, display name, email or `U…` id);
 * - anything else is a channel id (`C…`, `G…`, `D…`), as earlier releases stored destinations.
 */

const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;

/** The lane key of a configured channel name. */
export function channelLane(name: string): string {
  const trimmed = name.trim();
  return CHANNEL_ID.test(trimmed) ? trimmed : `#${trimmed.replace(/^#/, '').toLowerCase()}`;
}

/** The lane key of a configured user name. */
export function userLane(name: string): string {
  return `@${name.trim().replace(/^@/, '')}`;
}

/** What a lane key names: a channel to look up, a user to DM, or a channel id to post to as it is. */
export type LaneTarget =
  | { kind: 'channel'; name: string }
  | { kind: 'user'; name: string }
  | { kind: 'id'; id: string };

/** Reads a lane key back. */
export function laneTarget(lane: string): LaneTarget {
  if (lane.startsWith('#')) return { kind: 'channel', name: lane.slice(1) };
  if (lane.startsWith('@')) return { kind: 'user', name: lane.slice(1) };
  return { kind: 'id', id: lane };
}
