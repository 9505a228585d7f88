import { describe, expect, it } from 'vitest';
import { displayValue } from './alert-view.js';

describe('displayValue', () => {
  it('joins a list with commas, each item shown as it would be alone', () => {
    expect(displayValue(['Feed A', 'Feed B'])).toBe('Feed A, Feed B');
    expect(displayValue([1, null, true, ['x', 'y'], { a: 1 }])).toBe('1, —, true, x, y, {"a":1}');
    expect(displayValue(['only'])).toBe('only');
    expect(displayValue([])).toBe('—');
  });

  it('shows a hole in a list as nothing, as Array.prototype.join does', () => {
    // biome-ignore lint/suspicious/noSparseArray: the hole is what is under test
    expect(displayValue([, 'a', , 'b'])).toBe(', a, , b');
  });
});
