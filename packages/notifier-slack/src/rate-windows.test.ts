import { describe, expect, it } from 'vitest';
import { RateWindows } from './rate-windows.js';
import { VirtualClock } from './test-slack-env.js';

describe('RateWindows', () => {
  it('counts a slot from when its call ended, so a request held up on a busy machine does not crowd the next', async () => {
    const clock = new VirtualClock();
    const windows = new RateWindows(() => ({ perSecond: 1, burst: 1 }), clock, 0);
    const stamp = await windows.take('C1');
    clock.time += 400; // the call took 400 ms: Slack may have seen it only at its end
    stamp();
    await windows.take('C1');
    expect(clock.sleeps).toEqual([1000]);
  });

  it('keeps keys apart and holds only the key a 429 named', async () => {
    const clock = new VirtualClock();
    const windows = new RateWindows(() => ({ perSecond: 1, burst: 1 }), clock, 0);
    windows.hold('C1', 3);
    await windows.take('C2');
    expect(clock.sleeps).toEqual([]);
    await windows.take('C1');
    expect(clock.sleeps).toEqual([3000]);
  });
});
