// Slack messages as the inbox shows them: grouped by channel, each thread one card with its replies nested under
// the parent, newest activity first.
import { escapeHtml } from './escape-html.js';
import { renderBlocks } from './render-blocks.js';
import { type NameLookup, renderMrkdwn } from './render-mrkdwn.js';

/** The fields of a Slack message the inbox reads (the Slack fake's `state.messages` items have them). */
export interface InboxSlackMessage {
  channel: string;
  ts: string;
  thread_ts?: string | undefined;
  text?: string | undefined;
  blocks?: readonly unknown[] | undefined;
  edited?: { ts: string } | undefined;
  edits?: readonly unknown[] | undefined;
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

/** Seconds since the epoch in a Slack ts, as an ISO date. */
export function tsToIso(ts: string): string | undefined {
  const seconds = Number(ts.split('.')[0]);
  if (!Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function time(ts: string): string {
  const iso = tsToIso(ts);
  return iso ? `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(11, 19))} UTC</time>` : '';
}

/** One message's body: its blocks when it has any (with the notification text folded away), else its text. */
export function renderSlackMessageBody(message: InboxSlackMessage, names: NameLookup = {}): string {
  const text = message.text ?? '';
  if (message.blocks && message.blocks.length > 0) {
    const fallback = text
      ? `<details class="fallback"><summary>notification text</summary><div>${renderMrkdwn(text, names)}</div></details>`
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
  return `<div class="msg-head"><span class="who">tqalert</span>${time(message.ts)}${edited}</div>`;
}

/** A stable key for a thread card, for the page's incremental updates. */
export function threadKey(thread: SlackThread): string {
  return `slack:${thread.channel}:${thread.parent.ts}`;
}

/** A thread as one card: the parent, then its replies nested under it. */
export function renderSlackThread(thread: SlackThread, names: NameLookup = {}): string {
  const replies = thread.replies
    .map(
      (reply) =>
        `<div class="reply" data-ts="${escapeHtml(reply.ts)}">${messageHead(reply)}${renderSlackMessageBody(reply, names)}</div>`,
    )
    .join('');
  const count = thread.replies.length;
  const thread_ = count
    ? `<div class="thread"><div class="thread-count">${count} ${count === 1 ? 'reply' : 'replies'}</div>${replies}</div>`
    : '';
  return [
    `<article class="card msg" data-ts="${escapeHtml(thread.parent.ts)}">`,
    messageHead(thread.parent),
    renderSlackMessageBody(thread.parent, names),
    thread_,
    '</article>',
  ].join('');
}
