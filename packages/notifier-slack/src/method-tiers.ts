/**
 * Slack's workspace-wide Web API limits, per method, from its published tiers (Tier 2: 20+ calls a minute,
 * Tier 3: 50+, Tier 4: 100+). `chat.postMessage` is a "special" tier: about one message per second per channel
 * (paced per channel elsewhere) AND several hundred a minute across the workspace, which is what
 * `postsPerMinute` bounds here. Methods this notifier does not call fall back to their family's tier.
 */
import type { RateLimit } from './rate-windows.js';

const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;
type Tier = keyof typeof TIER_PER_MINUTE;

/** The tier of each method the notifier calls (api.slack.com method pages). */
const METHOD_TIER: Record<string, Tier> = {
  'conversations.list': 2,
  'conversations.info': 3,
  'conversations.open': 3,
  'users.list': 2,
  'users.lookupByEmail': 3,
  'users.info': 4,
  'auth.test': 4,
  'chat.update': 3,
};

/** The family's tier for methods not listed: the strictest of the family, so an unknown call is never too fast. */
function familyTier(method: string): Tier {
  if (method.startsWith('conversations.') || method.startsWith('users.')) return 2;
  return 3;
}

/** How many calls may go at once: ten seconds' worth of the rate (Slack allows short bursts), at least 1. */
function limitPerMinute(perMinute: number): RateLimit {
  return { perSecond: perMinute / 60, burst: Math.max(1, Math.floor(perMinute / 6)) };
}

/** The workspace-wide limit of `method`; `chat.postMessage` gets `postsPerMinute`. */
export function methodLimit(method: string, postsPerMinute: number): RateLimit {
  if (method === 'chat.postMessage') return limitPerMinute(postsPerMinute);
  return limitPerMinute(TIER_PER_MINUTE[METHOD_TIER[method] ?? familyTier(method)]);
}
