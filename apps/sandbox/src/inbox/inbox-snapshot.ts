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
import type { NameLookup } from './render-mrkdwn.js';
import {
  groupSlackMessages,
  type InboxSlackMessage,
  renderSlackThread,
  type SlackThread,
  threadKey,
} from './render-slack.js';

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
  return [
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

/** Reads the sources and renders every card. */
export function buildSnapshot(sources: InboxSources, limits: SnapshotLimits = DEFAULT_LIMITS): InboxSnapshot {
  const messages = sources.slackMessages();
  const mails = sources.emails();
  const slack = groupSlackMessages(messages)
    .map((group): InboxChannelJson => {
      const shown = group.threads.slice(0, limits.threadsPerChannel);
      const label = sources.channelLabel?.(group.id) ?? group.id;
      return {
        id: group.id,
        label,
        messageCount: group.threads.reduce((sum, t) => sum + 1 + t.replies.length, 0),
        omitted: group.threads.length - shown.length,
        threads: shown.map((thread) => threadJson(thread, sources, label)),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
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
  };
}
