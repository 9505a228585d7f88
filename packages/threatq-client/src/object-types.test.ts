import { describe, expect, it } from 'vitest';
import { objectRoute, sameObjectType } from './object-types.js';

describe('objectRoute: every spelling of an object type leads to its route', () => {
  it.each([
    ['indicator', 'indicators'],
    ['Indicators', 'indicators'],
    ['Indicator', 'indicators'],
    ['event', 'events'],
    ['Event', 'events'],
    ['Adversary', 'adversaries'],
    ['identities', 'identity'],
    ['Identity', 'identity'],
    ['Incident', 'incident'],
    ['incidents', 'incident'],
    ['Attack Pattern', 'attack_pattern'],
    ['attack-patterns', 'attack_pattern'],
    ['instrusion_set', 'intrusion_set'],
    ['files', 'attachments'],
    [' Vulnerabilities ', 'vulnerability'],
    ['my_custom_object', 'my_custom_object'],
  ])('%s → %s', (name, route) => {
    expect(objectRoute(name)).toBe(route);
  });

  it('refuses names that cannot be a route', () => {
    expect(objectRoute('../indicators')).toBeUndefined();
    expect(objectRoute('')).toBeUndefined();
    expect(objectRoute('9lives')).toBeUndefined();
  });

  it('compares spellings', () => {
    expect(sameObjectType('indicator', 'Indicators')).toBe(true);
    expect(sameObjectType('event', 'indicators')).toBe(false);
  });
});
