/**
 * Turns the names people write (`general`, `#tq-alerts`, `C0123ABCD`, `zach`, `zach@example.com`, `U0123ABCD`)
 * into the channel ids messages go to, a DM channel (`D…`) for each user. Every name that does not resolve is
 * reported at once, with the nearest known names as suggestions.
 */
import type { ConfigIssue, Logger } from '@tqalert/core';
import { nearestNames } from './edit-distance.js';
import { SlackCallError, type SlackCaller } from './slack-caller.js';

/** A place messages go to. */
export interface Destination {
  /** The channel id to post to (a `D…` DM channel for a user). */
  id: string;
  /** How people know it, for logs and errors: `#general (C0123…)`, `@zach (DM D0456…)`. */
  label: string;
}

/** What {@link NameResolver.resolve} found: destinations, and the names that did not resolve. */
export interface Resolution {
  destinations: Destination[];
  issues: ConfigIssue[];
}

interface ChannelEntry {
  id: string;
  name: string;
  isMember: boolean;
  isArchived: boolean;
}

interface UserEntry {
  id: string;
  name: string;
  displayName: string;
  realName: string;
  email: string | undefined;
  deleted: boolean;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{6,}$/;
const USER_ID = /^[UW][A-Z0-9]{6,}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PAGE_SIZE = 200;

type Row = Record<string, unknown>;

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function suggest(wanted: string, known: Iterable<string>, prefix: string): string {
  const near = nearestNames(wanted, known);
  return near.length === 0 ? '' : `; did you mean ${near.map((n) => `"${prefix}${n}"`).join(', ')}?`;
}

/** Resolves names through `conversations.list`, `users.list`, `users.lookupByEmail` and `conversations.open`. */
export class NameResolver {
  private channels: Promise<Map<string, ChannelEntry>> | undefined;
  private users: Promise<UserEntry[]> | undefined;

  constructor(
    private readonly caller: SlackCaller,
    private readonly logger: Logger,
  ) {}

  /** Resolves every name, in order, without duplicates. Names that do not resolve come back as issues. */
  async resolve(
    channelNames: readonly string[],
    userNames: readonly string[],
    signal?: AbortSignal,
  ): Promise<Resolution> {
    const destinations: Destination[] = [];
    const issues: ConfigIssue[] = [];
    for (const [i, raw] of channelNames.entries()) {
      const found = await this.channel(raw.trim(), signal);
      if (typeof found === 'string') issues.push({ path: `channelNames[${i}]`, message: found });
      else destinations.push(found);
    }
    for (const [i, raw] of userNames.entries()) {
      const found = await this.user(raw.trim(), signal);
      if (typeof found === 'string') issues.push({ path: `userNames[${i}]`, message: found });
      else destinations.push(found);
    }
    const seen = new Set<string>();
    return { destinations: destinations.filter((d) => !seen.has(d.id) && seen.add(d.id)), issues };
  }

  /** A channel destination, or why there is none. */
  private async channel(value: string, signal: AbortSignal | undefined): Promise<Destination | string> {
    if (CHANNEL_ID.test(value)) return { id: value, label: value };
    const name = value.replace(/^#/, '').toLowerCase();
    const directory = await this.channelDirectory(signal);
    const found = directory.get(name);
    if (!found) {
      return `no channel "#${name}" that the bot can see (public channels, and private ones the bot was invited to)${suggest(name, directory.keys(), '#')}`;
    }
    const label = `#${found.name} (${found.id})`;
    if (found.isArchived)
      this.logger.warn('Slack channel is archived: posts to it will fail', { channel: label });
    else if (!found.isMember) {
      this.logger.warn(
        'The Slack bot is not in this channel: posts will fail until someone runs /invite @<bot> there',
        {
          channel: label,
        },
      );
    }
    return { id: found.id, label };
  }

  /** A user's DM destination, or why there is none. */
  private async user(value: string, signal: AbortSignal | undefined): Promise<Destination | string> {
    const found = await this.findUser(value, signal);
    if (typeof found === 'string') return found;
    if (found.deleted)
      return `user "${value}" (${found.id}) is deactivated in Slack: remove them from userNames`;
    try {
      const opened = await this.caller.call('conversations.open', { users: found.id }, { signal });
      const id = str((opened.channel as Row | undefined)?.id);
      return { id, label: `@${found.name || found.id} (DM ${id})` };
    } catch (error) {
      if (error instanceof SlackCallError && error.failure.kind === 'permanent') {
        return `cannot open a DM with "${value}" (${found.id}): ${error.failure.detail}`;
      }
      throw error;
    }
  }

  private async findUser(value: string, signal: AbortSignal | undefined): Promise<UserEntry | string> {
    if (USER_ID.test(value)) {
      return { id: value, name: value, displayName: '', realName: '', email: undefined, deleted: false };
    }
    if (EMAIL.test(value)) return this.userByEmail(value, signal);
    const name = value.replace(/^@/, '').toLowerCase();
    const users = await this.userDirectory(signal);
    for (const key of ['name', 'displayName', 'realName'] as const) {
      const matches = users.filter((user) => user[key].toLowerCase() === name);
      if (matches.length === 1 && matches[0]) return matches[0];
      if (matches.length > 1) {
        const who = matches.map((u) => `${u.id} (${u.realName || u.name})`).join(', ');
        return `"${value}" matches several users: ${who}; use the user id or email instead`;
      }
    }
    const known = users
      .filter((u) => !u.deleted)
      .flatMap((u) => [u.name, u.displayName].filter((n) => n !== ''));
    return `no Slack user named "${name}" (by handle, display name or real name)${suggest(name, known, '')}`;
  }

  private async userByEmail(email: string, signal: AbortSignal | undefined): Promise<UserEntry | string> {
    try {
      const answer = await this.caller.call('users.lookupByEmail', { email }, { signal });
      return toUser((answer.user ?? {}) as Row);
    } catch (error) {
      const notFound =
        error instanceof SlackCallError &&
        error.failure.kind === 'permanent' &&
        error.failure.slackError === 'users_not_found';
      if (!notFound) throw error;
      const emails = (await this.userDirectory(signal)).flatMap((u) => (u.email ? [u.email] : []));
      return `no Slack user with the email "${email}"${suggest(email, emails, '')}`;
    }
  }

  private channelDirectory(signal: AbortSignal | undefined): Promise<Map<string, ChannelEntry>> {
    this.channels ??= this.listAll(
      'conversations.list',
      'channels',
      { types: 'public_channel,private_channel' },
      signal,
    ).then((rows) => new Map(rows.map((row) => [str(row.name).toLowerCase(), toChannel(row)])));
    return this.channels;
  }

  private userDirectory(signal: AbortSignal | undefined): Promise<UserEntry[]> {
    this.users ??= this.listAll('users.list', 'members', {}, signal).then((rows) => rows.map(toUser));
    return this.users;
  }

  /** Every row of a cursor-paged list. */
  private async listAll(
    method: string,
    key: string,
    args: Row,
    signal: AbortSignal | undefined,
  ): Promise<Row[]> {
    const rows: Row[] = [];
    const cursors = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.caller.call(
        method,
        { ...args, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        { signal },
      );
      rows.push(...((page[key] as Row[] | undefined) ?? []));
      cursor = str((page.response_metadata as Row | undefined)?.next_cursor) || undefined;
      if (cursor !== undefined && cursors.has(cursor)) {
        throw new Error(
          `${method} returned the cursor "${cursor}" twice; Slack paging is broken, try again later`,
        );
      }
      if (cursor !== undefined) cursors.add(cursor);
    } while (cursor !== undefined);
    this.logger.debug('Slack directory loaded', { method, count: rows.length });
    return rows;
  }
}

function toChannel(row: Row): ChannelEntry {
  return {
    id: str(row.id),
    name: str(row.name),
    isMember: row.is_member === true,
    isArchived: row.is_archived === true,
  };
}

function toUser(row: Row): UserEntry {
  const profile = (row.profile ?? {}) as Row;
  return {
    id: str(row.id),
    name: str(row.name),
    displayName: str(profile.display_name),
    realName: str(row.real_name) || str(profile.real_name),
    email: str(profile.email) || undefined,
    deleted: row.deleted === true,
  };
}
