/**
 * Which Slack errors belong to a lane (its channel or the bot's credentials) rather than to one message: after
 * one of these, every message to the lane would fail the same way, so the worker holds the lane and retries it
 * later instead of spending the messages' attempts and dead-lettering them.
 */

/** The token itself is refused: every lane of the notifier fails until someone fixes the token. */
export const AUTH_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
  'no_permission',
  'org_login_required',
  'team_access_not_granted',
  'ekm_access_denied',
  'missing_scope',
]);

/** The destination cannot take messages until someone fixes it (invites the bot, unarchives the channel). */
export const DESTINATION_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'channel_is_archived',
  'restricted_action',
  'user_disabled',
  'cannot_dm_bot',
]);

/** `lane` with `auth` when a Slack error code says the lane (not the message) is at fault; else undefined. */
export function laneFailureOf(slackError: string | undefined): { auth: boolean } | undefined {
  if (slackError === undefined) return undefined;
  if (AUTH_ERRORS.has(slackError)) return { auth: true };
  if (DESTINATION_ERRORS.has(slackError)) return { auth: false };
  return undefined;
}
