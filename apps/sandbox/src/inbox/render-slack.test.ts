import { describe, expect, it } from 'vitest';
import {
  compareTs,
  groupSlackMessages,
  type InboxSlackMessage,
  renderSlackThread,
  VISIBLE_REPLIES,
} from './render-slack.js';

const msg = (channel: string, ts: string, text: string, thread_ts?: string): InboxSlackMessage => ({
  channel,
  ts,
  text,
  thread_ts,
});

describe('groupSlackMessages', () => {
  it('nests replies under their parent, in order, and lists threads by latest activity', () => {
    const groups = groupSlackMessages([
      msg('C1', '100.000001', 'first alert'),
      msg('C1', '101.000002', 'second alert'),
      msg('C1', '103.000004', 'reply 2 to first', '100.000001'),
      msg('C1', '102.000003', 'reply 1 to first', '100.000001'),
      msg('C2', '104.000005', 'other channel'),
    ]);
    expect(groups.map((g) => g.id)).toEqual(['C1', 'C2']);
    const [c1] = groups;
    expect(c1?.threads.map((t) => t.parent.text)).toEqual(['first alert', 'second alert']);
    expect(c1?.threads[0]?.replies.map((r) => r.text)).toEqual(['reply 1 to first', 'reply 2 to first']);
  });

  it('keeps a reply whose parent is unknown as a thread of its own', () => {
    const [group] = groupSlackMessages([msg('C1', '200.000001', 'orphan', '150.000000')]);
    expect(group?.threads).toHaveLength(1);
    expect(group?.threads[0]?.parent.text).toBe('orphan');
  });

  it('compares timestamps as numbers', () => {
    expect(compareTs('9.000001', '10.000001')).toBeLessThan(0);
    expect(compareTs('10.000002', '10.000010')).toBeLessThan(0);
  });
});

describe('renderSlackThread', () => {
  it('renders the parent, then the replies inside a thread block', () => {
    const [group] = groupSlackMessages([
      msg('C1', '100.000001', '*Alert* <https://tq.example|open>'),
      msg('C1', '101.000001', 'update <b>', '100.000001'),
    ]);
    const thread = group?.threads[0];
    if (!thread) throw new Error('no thread');
    const html = renderSlackThread(thread);
    const parentAt = html.indexOf('<strong>Alert</strong>');
    const threadAt = html.indexOf('<div class="thread">');
    const replyAt = html.indexOf('update &lt;b&gt;');
    expect(parentAt).toBeGreaterThan(-1);
    expect(threadAt).toBeGreaterThan(parentAt);
    expect(replyAt).toBeGreaterThan(threadAt);
    expect(html).toContain('1 reply');
  });

  it('shows blocks with the notification text folded away, and says when there is none', () => {
    const [group] = groupSlackMessages([
      { channel: 'C1', ts: '1.000001', text: 'fallback *text*', blocks: [{ type: 'divider' }] },
      {
        channel: 'C1',
        ts: '2.000001',
        text: '',
        blocks: [{ type: 'divider' }],
        edited: { ts: '3.0' },
        edits: [{}, {}],
      },
    ]);
    const [second, first] = group?.threads ?? [];
    if (!first || !second) throw new Error('missing threads');
    expect(renderSlackThread(first)).toContain(
      '<summary>notification text</summary><div>fallback <strong>text</strong></div>',
    );
    const edited = renderSlackThread(second);
    expect(edited).toContain('no notification text');
    expect(edited).toContain('edited ×2');
  });

  it('folds all but the last replies of a long thread behind a "Show all" control', () => {
    const replies = Array.from({ length: 6 }, (_, i) =>
      msg('C1', `${101 + i}.000001`, `reply ${i + 1}`, '100.000001'),
    );
    const [group] = groupSlackMessages([msg('C1', '100.000001', 'parent'), ...replies]);
    const thread = group?.threads[0];
    if (!thread) throw new Error('no thread');
    const html = renderSlackThread(thread);
    const folded = /<details class="earlier"[^>]*>([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '';
    expect(folded).toContain('Show all 6 replies');
    expect(folded).toContain('Hide 3 earlier replies');
    expect(['reply 1', 'reply 2', 'reply 3'].every((text) => folded.includes(`>${text}<`))).toBe(true);
    const shown = html.replace(/<details class="earlier"[\s\S]*?<\/details>/, '');
    expect(shown.match(/class="reply"/g)).toHaveLength(VISIBLE_REPLIES);
    expect(['reply 4', 'reply 5', 'reply 6'].every((text) => shown.includes(`>${text}<`))).toBe(true);
    expect(html).toContain('6 replies');
  });

  it('folds nothing when a thread has no more replies than are shown', () => {
    const replies = Array.from({ length: VISIBLE_REPLIES }, (_, i) =>
      msg('C1', `${101 + i}.0`, `r${i}`, '100.0'),
    );
    const [group] = groupSlackMessages([msg('C1', '100.0', 'parent'), ...replies]);
    const html = group?.threads[0] ? renderSlackThread(group.threads[0]) : '';
    expect(html).not.toContain('<details class="earlier"');
    expect(html.match(/class="reply"/g)).toHaveLength(VISIBLE_REPLIES);
  });

  it('shows each message time as a time element with the ISO instant on hover', () => {
    const [group] = groupSlackMessages([msg('C1', '1796193005.000100', 'alert')]);
    const html = group?.threads[0] ? renderSlackThread(group.threads[0]) : '';
    expect(html).toContain('<time datetime="2026-12-02T06:30:05.000Z" title="2026-12-02T06:30:05.000Z">');
  });
});

describe('the replica that posted a message', () => {
  it('is shown, escaped, beside the time when the message names one', () => {
    const [group] = groupSlackMessages([{ ...msg('C1', '100.000001', 'alert'), replica: 'replica-2<b>' }]);
    const thread = group?.threads[0];
    if (!thread) throw new Error('no thread');
    expect(renderSlackThread(thread)).toContain('<span class="replica"');
    expect(renderSlackThread(thread)).toContain('sent by replica-2&lt;b&gt;');
    const [plain] = groupSlackMessages([msg('C1', '100.000001', 'alert')]);
    expect(renderSlackThread(plain?.threads[0] as NonNullable<typeof thread>)).not.toContain('sent by');
  });
});
