import { NotificationTypes } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import { EmailFormatter } from './email-formatter.js';
import { capHeaderText, headerSafe } from './header-text.js';
import { hasControlCharacter, watchlistAlert } from './test-alerts.js';

describe('subject', () => {
  it('cannot carry an injected header: CR, LF and other controls are removed', () => {
    const [message] = new EmailFormatter().format(
      [watchlistAlert({ title: 'Score up\r\nBcc: victim@example.com\r\n\r\n<b>body</b>\u0000\u2028x' })],
      NotificationTypes.FREE_FORM,
    );
    expect(message?.subject).toBe('[TQ Alert] Score up Bcc: victim[@]example[.]com <b>body</b> x');
    expect(hasControlCharacter(message?.subject ?? '')).toBe(false);
    for (const value of Object.values(message?.headers ?? {})) expect(value).not.toMatch(/[\r\n]/);
  });

  it('removes bidirectional overrides that would make the subject read backwards', () => {
    expect(headerSafe('invoice\u202Efdp.exe')).toBe('invoice fdp.exe');
  });

  it('caps a long subject with an ellipsis, says so in the body, and keeps the full title in the body', () => {
    const title = `Very long title ${'word '.repeat(100)}THE-END`;
    const formatter = new EmailFormatter({ maxSubjectLength: 80 });
    const [message] = formatter.format([watchlistAlert({ title })], NotificationTypes.WATCHLIST);
    expect(Array.from(message?.subject ?? '')).toHaveLength(80);
    expect(message?.subject.endsWith('…')).toBe(true);
    expect(message?.subject.startsWith('[TQ Alert] HIGH Watchlist change: Very long title')).toBe(true);
    expect(message?.text).toContain(
      'The subject line was shortened to fit; the full title is in this email.',
    );
    expect(message?.html).toContain('The subject line was shortened to fit');
    expect(message?.text).toContain(title);
    expect(message?.html).toContain('THE-END');
  });

  it('does not add the shortened notice when the subject fits', () => {
    const [message] = new EmailFormatter().format([watchlistAlert()], NotificationTypes.WATCHLIST);
    expect(message?.subject).toBe('[TQ Alert] HIGH Watchlist change: evil[.]example[.]com score went up');
    expect(message?.text).not.toContain('shortened');
  });

  it('shows a title longer than the heading in full, chunked, in a "Full title" section', () => {
    const title = `T${'x'.repeat(5_000)}-LAST`;
    const [message] = new EmailFormatter().format([watchlistAlert({ title })], NotificationTypes.WATCHLIST);
    expect(message?.text).toContain('Full title');
    expect(message?.text.replace(/\n/g, '')).toContain(title);
  });

  it('capHeaderText never splits a surrogate pair', () => {
    const capped = capHeaderText('😀'.repeat(50), 10);
    expect(capped).toEqual({ text: `${'😀'.repeat(9)}…`, shortened: true });
  });
});
