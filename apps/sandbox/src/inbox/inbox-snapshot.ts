// What `GET /api/messages` answers and what `GET /` renders first: the Slack messages grouped by channel and
// thread, the emails, and the iZoologic stand-in's cases and case actions, each with its card already rendered
// (escaped) for the page to place.
import { createHash } from 'node:crypto';
import { formatAddresses, type InboxEmail, renderEmail } from './render-email.js';
import {
  type InboxIZoologicAction,
  type InboxIZoologicCase,
  type InboxIZoologicSource,
  izoologicActions,
  renderIZoologicPanel,
} from './render-izoologic.js';
import { renderModal } from './render-modal.js';
import type { NameLookup } from './render-mrkdwn.js';
import {
  compareTs,
  groupSlackMessages,
  type InboxSlackMessage,
  renderEphemeral,
  renderSlackThread,
  type SlackThread,
  threadKey,
} from './render-slack.js';
import type { InboxEphemeral, InboxSlackUser, InboxSlackUsers } from './slack-user.js';

/** Where the inbox reads what arrived. Called on every request, so it always shows the current state. */
export interface InboxSources extends NameLookup {
  /** Every Slack message accepted so far, in the order accepted. */
  slackMessages(): readonly InboxSlackMessage[];
  /** Every email received so far, in the order received. */
  emails(): readonly InboxEmail[];
  /** How a channel id is shown as a heading (`#tq-alerts`, `@zach (DM)`); the id when undefined. */
  channelLabel?(id: string): string | undefined;
  /** The iZoologic stand-in's cases and received requests; no iZoologic panel when left out. */
  izoologic?: InboxIZoologicSource;
  /** The person the page acts as in Slack; without it the page's buttons cannot be clicked. */
  slackUser?: InboxSlackUser;
  /** Others the page may act as instead (`?as=<user id>`), e.g. to see what someone not allowed gets. */
  slackUsers?: InboxSlackUsers;
}

/** A rendered card and the key and revision the page uses to replace only what changed. */
export interface InboxCard {
  key: string;
  /** Changes whenever the card's content does. */
  rev: string;
  /** The card's HTML, built from escaped text only. */
  card: string;
}

export interface InboxThreadJson extends InboxCard {
  /** True for a message only the sandbox user sees. */
  ephemeral?: boolean;
  ts: string;
  text: string | undefined;
  blocks: readonly unknown[] | undefined;
  replies: Array<{ ts: string; text: string | undefined; blocks: readonly unknown[] | undefined }>;
}

export interface InboxChannelJson {
  id: string;
  label: string;
  messageCount: number;
  threads: InboxThreadJson[];
  /** Threads left out because only the newest `limits.threadsPerChannel` are sent. */
  omitted: number;
}

export interface InboxEmailJson extends InboxCard {
  subject: string | undefined;
  from: string;
  to: string;
  text: string | undefined;
  html: string | undefined;
}

/** The iZoologic panel: the stand-in's cases and the case action requests it received (oldest first). */
export interface InboxIZoologicJson extends InboxCard {
  cases: InboxIZoologicCase[];
  actions: InboxIZoologicAction[];
}

/** The whole inbox, newest first. */
export interface InboxSnapshot {
  counts: { slack: number; email: number };
  slack: InboxChannelJson[];
  emails: InboxEmailJson[];
  /** Emails left out because only the newest `limits.emails` are sent. */
  omittedEmails: number;
  /** Present when the sources include the iZoologic stand-in. */
  izoologic?: InboxIZoologicJson;
  /** Present when the page acts as a Slack user: who, and the modal open for them (rendered as a form). */
  slackUser?: { id: string; name: string; modal: InboxCard | undefined };
}

export interface SnapshotLimits {
  threadsPerChannel: number;
  emails: number;
}

const DEFAULT_LIMITS: SnapshotLimits = { threadsPerChannel: 200, emails: 100 };

function rev(card: string): string {
  return createHash('sha1').update(card).digest('base64url').slice(0, 16);
}

/**
 * A short string that changes whenever what the inbox shows does: a message posted or edited, an email received,
 * the fakes reset. The server uses it as the ETag, so an unchanged poll is answered without rendering anything.
 */
export function sourcesVersion(sources: InboxSources): string {
  const messages = sources.slackMessages();
  const mails = sources.emails();
  let edits = 0;
  for (const message of messages) edits += message.edits?.length ?? (message.edited ? 1 : 0);
  const last = messages.at(-1);
  const user = sources.slackUser;
  const view = user?.openView();
  return [
    user
      ? `${user.ephemerals().length}:${view?.id ?? ''}:${view?.hash ?? ''}:${JSON.stringify(view?.errors ?? {})}`
      : '',
    messages.length,
    edits,
    last?.channel,
    last?.ts,
    mails.length,
    mails.at(-1)?.messageId,
    sources.izoologic ? izoologicSignature(sources.izoologic) : '',
  ].join('|');
}

/**
 * Changes whenever the panel would: a request arrived, or a case changed (by a request, or by a test setting it
 * up through the fake's state). A dozen cases: cheap enough for every poll.
 */
function izoologicSignature(source: InboxIZoologicSource): string {
  const requests = source.requests();
  const parts = [String(requests.length), requests.at(-1)?.at ?? ''];
  for (const item of source.cases()) {
    parts.push(`${item.id}:${item.caseType}:${item.status}:${item.reviewed}:${item.history.length}`);
  }
  return createHash('sha1').update(parts.join(',')).digest('base64url').slice(0, 16);
}

// The last panel built for each source, reused while its signature is unchanged.
const izoologicCards = new WeakMap<object, { signature: string; json: InboxIZoologicJson }>();

function izoologicJson(source: InboxIZoologicSource): InboxIZoologicJson {
  const signature = izoologicSignature(source);
  const cached = izoologicCards.get(source);
  if (cached && cached.signature === signature) return cached.json;
  const cases = [...source.cases()].map((item) => ({ ...item, history: [...item.history] }));
  const actions = izoologicActions(source.requests());
  const card = renderIZoologicPanel(cases, actions);
  const json: InboxIZoologicJson = { key: 'izoologic', rev: rev(card), card, cases, actions };
  izoologicCards.set(source, { signature, json });
  return json;
}

// Rendered cards, kept as long as the message objects live: a message is rendered once, not once a second.
// A thread's card is reused while its signature (reply count and every edit) is unchanged.
const threadCards = new WeakMap<object, { signature: string; json: InboxThreadJson }>();
const emailCards = new WeakMap<object, { index: number; json: InboxEmailJson }>();

function threadSignature(thread: SlackThread, label: string): string {
  const stamp = (m: InboxSlackMessage) => `${m.ts}:${m.edited?.ts ?? ''}:${m.edits?.length ?? 0}`;
  return [label, stamp(thread.parent), ...thread.replies.map(stamp)].join(',');
}

function threadJson(thread: SlackThread, sources: InboxSources, label: string): InboxThreadJson {
  const signature = threadSignature(thread, label);
  const cached = threadCards.get(thread.parent);
  if (cached && cached.signature === signature) return cached.json;
  const card = renderSlackThread(thread, sources);
  const json: InboxThreadJson = {
    key: threadKey(thread),
    rev: rev(card),
    card,
    ts: thread.parent.ts,
    text: thread.parent.text,
    blocks: thread.parent.blocks,
    replies: thread.replies.map((r) => ({ ts: r.ts, text: r.text, blocks: r.blocks })),
  };
  threadCards.set(thread.parent, { signature, json });
  return json;
}

function emailJson(mail: InboxEmail, index: number): InboxEmailJson {
  const cached = emailCards.get(mail);
  if (cached && cached.index === index) return cached.json;
  const card = renderEmail(mail, index);
  const json: InboxEmailJson = {
    key: `mail:${index}`,
    rev: rev(card),
    card,
    subject: mail.subject,
    from: formatAddresses(mail.from),
    to: formatAddresses(mail.to),
    text: mail.text,
    html: mail.html,
  };
  emailCards.set(mail, { index, json });
  return json;
}

const ephemeralCards = new WeakMap<object, InboxThreadJson>();

function ephemeralJson(message: InboxEphemeral, sources: InboxSources): InboxThreadJson {
  const cached = ephemeralCards.get(message);
  if (cached) return cached;
  const card = renderEphemeral(message, sources);
  const json: InboxThreadJson = {
    key: `ephemeral:${message.channel}:${message.ts}`,
    rev: rev(card),
    card,
    ephemeral: true,
    ts: message.ts,
    text: message.text,
    blocks: message.blocks,
    replies: [],
  };
  ephemeralCards.set(message, json);
  return json;
}

/**
 * Each channel's cards, newest activity first: the threads, and among them (by time) the ephemeral messages the
 * sandbox user was shown there, as Slack shows them inline.
 */
function channelsJson(sources: InboxSources, limits: SnapshotLimits): InboxChannelJson[] {
  const groups = groupSlackMessages(sources.slackMessages());
  const ephemerals = sources.slackUser?.ephemerals() ?? [];
  for (const message of ephemerals) {
    if (!groups.some((group) => group.id === message.channel))
      groups.push({ id: message.channel, threads: [] });
  }
  return groups
    .map((group): InboxChannelJson => {
      const label = sources.channelLabel?.(group.id) ?? group.id;
      const cards = [
        ...group.threads.map((thread) => ({ at: thread.lastActivity, thread })),
        ...ephemerals.filter((e) => e.channel === group.id).map((message) => ({ at: message.ts, message })),
      ].sort((a, b) => compareTs(b.at, a.at));
      const shown = cards.slice(0, limits.threadsPerChannel);
      return {
        id: group.id,
        label,
        messageCount: group.threads.reduce((sum, t) => sum + 1 + t.replies.length, 0),
        omitted: cards.length - shown.length,
        threads: shown.map((entry) =>
          'thread' in entry
            ? threadJson(entry.thread, sources, label)
            : ephemeralJson(entry.message, sources),
        ),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

function slackUserJson(user: InboxSlackUser, names: NameLookup): InboxSnapshot['slackUser'] {
  const view = user.openView();
  if (!view) return { id: user.id, name: user.name, modal: undefined };
  const card = renderModal(view, names);
  return { id: user.id, name: user.name, modal: { key: `view:${view.id}`, rev: rev(card), card } };
}

/**
 * The sources as seen by the user `as` (a user id from the page's `?as=`): the same, with that user's modal and
 * ephemeral messages. `undefined` when `as` names no one the page may act as; the sources as they are without `as`.
 */
export function sourcesAs(sources: InboxSources, as: string | null): InboxSources | undefined {
  if (!as || as === sources.slackUser?.id) return sources;
  const user = sources.slackUsers?.as(as);
  return user ? { ...sources, slackUser: user } : undefined;
}

/** Reads the sources and renders every card. */
export function buildSnapshot(sources: InboxSources, limits: SnapshotLimits = DEFAULT_LIMITS): InboxSnapshot {
  const messages = sources.slackMessages();
  const mails = sources.emails();
  const slack = channelsJson(sources, limits);
  const firstShown = Math.max(0, mails.length - limits.emails);
  const emails: InboxEmailJson[] = [];
  for (let index = mails.length - 1; index >= firstShown; index -= 1) {
    const mail = mails[index];
    if (mail) emails.push(emailJson(mail, index));
  }
  return {
    counts: { slack: messages.length, email: mails.length },
    slack,
    emails,
    omittedEmails: firstShown,
    ...(sources.izoologic ? { izoologic: izoologicJson(sources.izoologic) } : {}),
    ...(sources.slackUser ? { slackUser: slackUserJson(sources.slackUser, sources) } : {}),
  };
}
