/** Who clicked: the Slack user as the action audit and the ThreatQ comment name them (id, name, email). */

import type { WebClient } from '@slack/web-api';
import type { ActionActor } from '@tqalert/core';

/** The `user` object of an interaction payload. */
export interface PayloadUser {
  id: string;
  username?: string | undefined;
  name?: string | undefined;
  team_id?: string | undefined;
}

/**
 * The actor for `user`: `users.info` gives the display name and email (scope `users:read.email`). When Slack
 * cannot be asked, the payload's own user name stands in and the email is left out, rather than not acting.
 */
export async function identify(slack: Pick<WebClient, 'users'>, user: PayloadUser): Promise<ActionActor> {
  const fallback = user.name ?? user.username;
  try {
    const answer = await slack.users.info({ user: user.id });
    const profile = answer.user?.profile;
    const name = profile?.real_name || profile?.display_name || answer.user?.real_name || answer.user?.name;
    const email = profile?.email;
    return {
      via: 'slack',
      id: user.id,
      ...(name || fallback ? { name: name || fallback } : {}),
      ...(email ? { email } : {}),
    };
  } catch {
    return { via: 'slack', id: user.id, ...(fallback ? { name: fallback } : {}) };
  }
}
