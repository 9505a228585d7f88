/** What a person should do about a permanent Slack error, worded for the destination it happened at. */

/** The destination as people know it (`#tq-alerts (C0123…)`), for messages. */
export type DestinationLabel = string;

const AUTH_HINT =
  'the bot token is invalid, revoked or belongs to a deactivated app: create a new bot token (xoxb-…) under OAuth & Permissions and update the notifier token';

const CONTENT_HINT =
  'Slack refused the message content; this is a formatter bug (the Slack formatter keeps within Slack limits), so report it with the alert that caused it';

const HINTS: Record<string, (where: DestinationLabel, needed?: string) => string> = {
  channel_not_found: (where) =>
    `${where} does not exist or the bot cannot see it: check the channel name or id, and for a private channel invite the bot first`,
  not_in_channel: (where) =>
    `the bot is not a member of ${where}: invite it with "/invite @<your bot>" in that channel`,
  is_archived: (where) => `${where} is archived: unarchive it, or remove it from channelNames`,
  channel_is_archived: (where) => `${where} is archived: unarchive it, or remove it from channelNames`,
  restricted_action: (where) =>
    `the workspace does not allow the bot to post in ${where}: ask a Slack admin to allow it, or post elsewhere`,
  cannot_dm_bot: (where) => `${where} is a bot; bots cannot receive DMs: remove it from userNames`,
  user_disabled: (where) => `${where} is deactivated: remove them from userNames`,
  missing_scope: (where, needed) =>
    `the bot token lacks the scope ${needed ? `"${needed}" ` : ''}needed to post to ${where}: add it under OAuth & Permissions (chat:write, channels:read, groups:read, users:read, users:read.email, im:write) and reinstall the app`,
  invalid_auth: () => AUTH_HINT,
  not_authed: () => AUTH_HINT,
  account_inactive: () => AUTH_HINT,
  token_revoked: () => AUTH_HINT,
  token_expired: () => AUTH_HINT,
  not_allowed_token_type: () => 'the token is not a bot token: use the bot token (xoxb-…) of the Slack app',
  invalid_blocks: () => CONTENT_HINT,
  invalid_blocks_format: () => CONTENT_HINT,
  msg_blocks_too_long: () => CONTENT_HINT,
  msg_too_long: () => CONTENT_HINT,
  no_text: () => CONTENT_HINT,
  too_many_attachments: () => CONTENT_HINT,
};

/** The fix for `slackError` at `where`, or a generic one naming the error. */
export function fixHint(slackError: string | undefined, where: DestinationLabel, needed?: string): string {
  const hint = slackError === undefined ? undefined : HINTS[slackError];
  return hint
    ? hint(where, needed)
    : `Slack will not accept this for ${where}; see https://docs.slack.dev/reference/methods/chat.postMessage for the error`;
}
