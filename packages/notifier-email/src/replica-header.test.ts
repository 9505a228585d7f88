import { afterEach, describe, expect, it } from 'vitest';
import { alert, notifierFor, sink } from './test-harness.js';

afterEach(() => {
  delete process.env.TQALERT_REPLICA;
});

describe('X-TQAlert-Replica', () => {
  it('names the replica that sent the mail when TQALERT_REPLICA is set, and nothing otherwise', async () => {
    const smtp = await sink();
    const notifier = notifierFor(smtp);
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    process.env.TQALERT_REPLICA = 'replica-2\r\nBcc: evil@example.com';
    await notifier.sendAlert(notifier.formatAlert([alert()]));
    const [plain, tagged] = await smtp.waitFor(2);
    expect(plain?.headers.get('x-tqalert-replica')).toBeUndefined();
    expect(tagged?.headers.get('x-tqalert-replica')).toBe('replica-2Bcc: evil@example.com');
    expect(tagged?.bcc).toEqual([]);
  });
});
