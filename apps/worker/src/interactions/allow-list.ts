/**
 * Who may run which case action from Slack (`interactions.allow`): Slack user ids, emails, and user-group
 * handles. Nobody by default. Emails are matched against the clicker's Slack profile; handles against the
 * group's members (`usergroups.list`, kept for a minute so a burst of clicks asks Slack once).
 */

import type { WebClient } from '@slack/web-api';
import type { CaseButtonAction } from '@tqalert/formatter-slack';
import type { InteractionsConfig } from './interactions-config.js';

const GROUPS_TTL_MS = 60_000;

/** The clicker as far as the allow-list needs them. */
export interface AllowSubject {
  id: string;
  email?: string | undefined;
}

/** The allow-list of each action. */
export class AllowList {
  #groups: { at: number; members: Map<string, Set<string>> } | undefined;

  constructor(
    private readonly allow: InteractionsConfig['allow'],
    private readonly slack: Pick<WebClient, 'usergroups'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** True when `user` is named for `action` by id, by email (case ignored) or through a user group. */
  async permits(action: CaseButtonAction, user: AllowSubject): Promise<boolean> {
    const entries = this.allow[action];
    const email = user.email?.toLowerCase();
    if (
      entries.some((entry) => entry === user.id || (email !== undefined && entry.toLowerCase() === email))
    ) {
      return true;
    }
    const handles = entries
      .filter((entry) => entry.startsWith('@'))
      .map((entry) => entry.slice(1).toLowerCase());
    if (handles.length === 0) return false;
    const members = await this.#groupMembers();
    return handles.some((handle) => members.get(handle)?.has(user.id) ?? false);
  }

  /** Whether any entry needs the clicker's email (so the caller asks Slack for it first). */
  needsEmail(action: CaseButtonAction): boolean {
    return this.allow[action].some((entry) => entry.includes('@') && !entry.startsWith('@'));
  }

  async #groupMembers(): Promise<Map<string, Set<string>>> {
    if (this.#groups !== undefined && this.now() - this.#groups.at < GROUPS_TTL_MS)
      return this.#groups.members;
    const answer = await this.slack.usergroups.list({ include_users: true });
    const members = new Map<string, Set<string>>();
    for (const group of answer.usergroups ?? []) {
      if (group.handle) members.set(group.handle.toLowerCase(), new Set(group.users ?? []));
    }
    this.#groups = { at: this.now(), members };
    return members;
  }
}
