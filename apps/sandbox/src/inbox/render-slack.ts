// Slack messages as the inbox shows them: grouped by channel, each thread one card with its replies nested under
// the parent, newest activity first.
import { escapeHtml } from './escape-html.js';
import { renderBlocks } from './render-blocks.js';
import { type NameLookup, renderMrkdwn } from './render-mrkdwn.js';
import type { InboxEphemeral } from './slack-user.js';
import { timeHtml } from './time-html.js';

/** The fields of a Slack message the inbox reads (the Slack fake's `state.messages` items have them). */
export interface InboxSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string | undefined;
  text?: string | undefined;
  blocks?: readonly unknown[] | undefined;
  edited?: { ts: string } | undefined;
  edits?: readonly unknown[] | undefined;
  /** The worker replica that posted it (several replicas: `npm start -- --replicas 3`). */
  replica?: string | undefined;
}

/** A parent message and its replies, oldest reply first. */
export interface SlackThread {
  channel: string;
  parent: InboxSlackMessage;
  replies: InboxSlackMessage[];
  /** The latest ts in the thread (post or edit): threads are listed by it, newest first. */
  lastActivity: string;
}

/** One channel's threads, newest activity first. */
export interface SlackChannelGroup {
  id: string;
  threads: SlackThread[];
}

/** Compares Slack timestamps (`seconds.sequence`) numerically, so `9.5` sorts before `10.1`. */
export function compareTs(a: string, b: string): number {
  const [aSec = '0', aSeq = '0'] = a.split('.');
  const [bSec = '0', bSeq = '0'] = b.split('.');
  return Number(aSec) - Number(bSec) || Number(aSeq.padEnd(6, '0')) - Number(bSeq.padEnd(6, '0'));
}

function latest(...values: Array<string | undefined>): string {
  return values
    .filter((v): v is string => v !== undefined)
    .reduce((a, b) => (compareTs(a, b) >= 0 ? a : b), '0');
}

/**
 * Groups messages by channel and thread. A reply whose parent is not among the messages (it was never accepted,
 * or is older than what is kept) gets a thread of its own, with itself as the parent.
 */
export function groupSlackMessages(messages: readonly InboxSlackMessage[]): SlackChannelGroup[] {
  const channels = new Map<string, Map<string, SlackThread>>();
  const threadsOf = (channel: string) => {
    let threads = channels.get(channel);
    if (!threads) {
      threads = new Map();
      channels.set(channel, threads);
    }
    return threads;
  };
  for (const message of messages) {
    if (message.thread_ts === undefined || message.thread_ts === message.ts) {
      threadsOf(message.channel).set(message.ts, {
        channel: message.channel,
        parent: message,
        replies: [],
        lastActivity: latest(message.ts, message.edited?.ts),
      });
    }
  }
  for (const message of messages) {
    if (message.thread_ts === undefined || message.thread_ts === message.ts) continue;
    const threads = threadsOf(message.channel);
    const thread = threads.get(message.thread_ts);
    if (thread) {
      thread.replies.push(message);
      thread.lastActivity = latest(thread.lastActivity, message.ts, message.edited?.ts);
    } else {
      threads.set(message.ts, {
        channel: message.channel,
        parent: message,
        replies: [],
        lastActivity: latest(message.ts, message.edited?.ts),
      });
    }
  }
  return [...channels.entries()].map(([id, threads]) => ({
    id,
    threads: [...threads.values()]
      .map((thread) => ({ ...thread, replies: [...thread.replies].sort((a, b) => compareTs(a.ts, b.ts)) }))
      .sort((a, b) => compareTs(b.lastActivity, a.lastActivity)),
  }));
}

/** The moment in a Slack ts (`seconds.sequence`); undefined when it is not a number. */
export function tsToDate(ts: string): Date | undefined {
  const seconds = Number(ts.split('.')[0]);
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

/** One message's body: its blocks when it has any (with the notification text folded away), else its text. */
export function renderSlackMessageBody(message: InboxSlackMessage, names: NameLookup = {}): string {
  const text = message.text ?? '';
  if (message.blocks && message.blocks.length > 0) {
    const fallback = text
      ? `<details class="fallback" data-keep="fallback-${escapeHtml(message.ts)}"><summary>notification text</summary><div>${renderMrkdwn(text, names)}</div></details>`
      : '<div class="warn">no notification text: Slack shows an empty notification</div>';
    return `<div class="blocks">${renderBlocks(message.blocks, names)}</div>${fallback}`;
  }
  return `<div class="blocks"><div class="blk blk-text">${renderMrkdwn(text, names)}</div></div>`;
}

function messageHead(message: InboxSlackMessage): string {
  const edits = message.edits?.length ?? 0;
  const edited = message.edited
    ? `<span class="edited" title="changed by chat.update">edited${edits > 1 ? ` ×${edits}` : ''}</span>`
    : '';
  const replica = message.replica
    ? `<span class="replica" title="the worker replica that posted it">sent by ${escapeHtml(message.replica)}</span>`
    : '';
  return `<div class="msg-head"><span class="who">tqalert</span>${timeHtml(tsToDate(message.ts))}${edited}${replica}</div>`;
}

/** A stable key for a thread card, for the page's incremental updates. */
export function threadKey(thread: SlackThread): string {
  return `slack:${thread.channel}:${thread.parent.ts}`;
}

/** How many of a thread's replies show before "Show all": the latest ones, as Slack's thread view ends. */
export const VISIBLE_REPLIES = 3;

function replyHtml(reply: InboxSlackMessage, names: NameLookup): string {
  return `<div class="reply" data-ts="${escapeHtml(reply.ts)}">${messageHead(reply)}${renderSlackMessageBody(reply, names)}</div>`;
}

/**
 * A thread's replies: the last {@link VISIBLE_REPLIES} shown, any earlier ones folded in a `<details>` whose
 * summary is the "Show all" control (it works without script; the page keeps it open across updates).
 */
function threadHtml(replies: readonly InboxSlackMessage[], names: NameLookup): string {
  const count = replies.length;
  if (count === 0) return '';
  const earlier = replies.slice(0, Math.max(0, count - VISIBLE_REPLIES));
  const latest = replies.slice(earlier.length);
  const folded = earlier.length
    ? `<details class="earlier" data-keep="earlier"><summary class="show-all"><span class="when-closed">Show all ${count} replies</span><span class="when-open">Hide ${earlier.length} earlier ${earlier.length === 1 ? 'reply' : 'replies'}</span></summary>${earlier.map((r) => replyHtml(r, names)).join('')}</details>`
    : '';
  return `<div class="thread"><div class="thread-count">${count} ${count === 1 ? 'reply' : 'replies'}</div>${folded}${latest.map((r) => replyHtml(r, names)).join('')}</div>`;
}

/** A message only the sandbox user sees, marked as Slack marks it ("Only visible to you"). */
export function renderEphemeral(message: InboxEphemeral, names: NameLookup = {}): string {
  return [
    `<article class="card msg ephemeral" data-ts="${escapeHtml(message.ts)}">`,
    `<div class="msg-head"><span class="who">tqalert</span>${timeHtml(tsToDate(message.ts))}<span class="only-you">Only visible to you</span></div>`,
    renderSlackMessageBody(message, names),
    '</article>',
  ].join('');
}

/** A thread as one card: the parent, then its replies nested under it (long threads folded, see above). */
export function renderSlackThread(thread: SlackThread, names: NameLookup = {}): string {
  return [
    `<article class="card msg" data-channel="${escapeHtml(thread.channel)}" data-ts="${escapeHtml(thread.parent.ts)}">`,
    messageHead(thread.parent),
    renderSlackMessageBody(thread.parent, names),
    threadHtml(thread.replies, names),
    '</article>',
  ].join('');
}
