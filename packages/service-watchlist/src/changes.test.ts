import { type Alert, createAlert } from '@tqalert/core';
import type { ThreatQStoredObject } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { clientFor, displayValueOf, poll, useThreatQ } from './test-threatq.js';
import { WatchlistService } from './watchlist-service.js';

const fake = useThreatQ({ objectCount: 20, watched: ['indicators:4', 'indicators:5', 'events:1'] });

/** Arranges indicator 4, takes the baseline, applies `change`, and polls again. */
async function changeIndicator4(change: (object: ThreatQStoredObject) => void, config = {}) {
  fake.state.update('indicators', 4, (o) => {
    o.manualScore = 5;
    o.statusId = 1;
    o.tags = [
      { id: 31, name: 'phishing' },
      { id: 33, name: 'c2' },
    ];
    o.sources = o.sources.slice(0, 1).map((s) => ({ ...s, name: 'Example Feed', tlp_id: 2 }));
    o.attributes = [
      {
        id: 9001,
        attribute_id: 3,
        name: 'Confidence',
        value: 'Low',
        created_at: '2026-01-01 00:00:00',
        updated_at: '2026-01-01 00:00:00',
      },
    ];
    o.comments = [];
  });
  const service = new WatchlistService(clientFor(fake), config);
  const baseline = await poll(service);
  fake.state.update('indicators', 4, change);
  const result = await poll(service, baseline.cursor);
  return { service, baseline, result, value: displayValueOf(fake, 'indicators', 4) };
}

function onlyAlert(alerts: unknown[]): Alert {
  expect(alerts).toHaveLength(1);
  return createAlert(alerts[0]);
}

describe('first sight', () => {
  it('takes a baseline without alerting and keeps one compact snapshot per watched object', async () => {
    const service = new WatchlistService(clientFor(fake));
    const result = await poll(service);
    expect(result.alerts).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.notes).toEqual([
      'Watchlist service "watchlist": first run, took a baseline of 3 watched object(s); changes from now on are alerted (set alertOnFirstSight: true to alert on first sight).',
    ]);
    const cursor = result.cursor as { version: number; objects: Record<string, Record<string, unknown>> };
    expect(Object.keys(cursor.objects)).toEqual(['indicators:4', 'indicators:5', 'events:1']);
    const record = fake.state.record('indicators', 4) as ThreatQStoredObject;
    expect(cursor.objects['indicators:4']).toMatchObject({
      value: record.value,
      score: record.manualScore ?? record.generatedScore,
      sources: [...new Set(record.sources.map((s) => s.name))].sort(),
      tags: record.tags.map((t) => t.name).sort(),
    });
    // Plain JSON: what the worker stores survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(result.cursor))).toEqual(result.cursor);
  });

  it('polls again without alerting when nothing changed', async () => {
    const service = new WatchlistService(clientFor(fake));
    const first = await poll(service);
    const second = await poll(service, first.cursor);
    expect(second.alerts).toEqual([]);
    expect(second.notes).toEqual([]);
    expect(second.cursor).toEqual(first.cursor);
  });
});

describe('each kind of change', () => {
  it('a score that rises: title, change, severity and score', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.manualScore = 8;
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.title).toBe(`Score of ${value} rose from 5 to 8`);
    expect(alert.changes).toEqual([{ field: 'score', before: 5, after: 8 }]);
    expect(alert).toMatchObject({ severity: 'critical', score: 8, type: 'WATCHLIST', service: 'watchlist' });
  });

  it('a score that falls', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.manualScore = 1;
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.title).toBe(`Score of ${value} fell from 5 to 1`);
    expect(alert.severity).toBe('info');
  });

  it('a status change', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.statusId = 4;
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.title).toBe(`Status of ${value} changed from Active to Review`);
    expect(alert.changes).toEqual([{ field: 'status', before: 'Active', after: 'Review' }]);
    expect(alert.fields).toEqual({ Status: 'Review' });
  });

  it('a new source, whose TLP RED becomes the alert’s (the most restrictive)', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.sources.push({
        id: 9100,
        source_id: 14,
        name: 'Partner Sharing Group',
        source_type: 'connectors',
        tlp_id: 1,
        published_at: '2026-02-01 00:00:00',
        created_at: '2026-02-01 00:00:00',
      });
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.title).toBe(`Source Partner Sharing Group added to ${value}`);
    expect(alert.changes).toEqual([
      { field: 'sources', before: ['Example Feed'], after: ['Example Feed', 'Partner Sharing Group'] },
    ]);
    expect(alert.tlp).toBe('RED');
    expect(alert.sources).toEqual(['Example Feed', 'Partner Sharing Group']);
  });

  it('a removed tag', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.tags = o.tags.filter((t) => t.name !== 'c2');
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.title).toBe(`Tag c2 removed from ${value}`);
    expect(alert.changes).toEqual([{ field: 'tags', before: ['c2', 'phishing'], after: ['phishing'] }]);
    expect(alert.tags).toEqual(['phishing']);
  });

  it('an attribute whose value changed, and one added', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.attributes = [
        { ...(o.attributes[0] as ThreatQStoredObject['attributes'][number]), value: 'High' },
        {
          id: 9002,
          attribute_id: 5,
          name: 'Malware Family',
          value: 'Emotet',
          created_at: '2026-02-01 00:00:00',
          updated_at: '2026-02-01 00:00:00',
        },
      ];
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.changes).toEqual([
      { field: 'attributes.Confidence', before: 'Low', after: 'High' },
      { field: 'attributes.Malware Family', after: 'Emotet' },
    ]);
    expect(alert.title).toBe(`Attribute Confidence of ${value} changed from Low to High (+1 more)`);
    expect(alert.summary).toContain(`Attribute Malware Family of ${value} set to Emotet.`);
  });

  it('a new comment, with its full text in the change and its start in the title', async () => {
    const text = `Confirmed by the SOC: ${'sightings on three mail gateways, '.repeat(4)}blocked at the proxy.`;
    const { result, value } = await changeIndicator4((o) => {
      o.comments.push({ id: 7001, value: text, author: 'SOC Analyst', created_at: '2026-02-01 00:00:00' });
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.changes).toEqual([{ field: 'comments', after: text }]);
    expect(alert.title.startsWith(`New comment on ${value}: “Confirmed by the SOC:`)).toBe(true);
    expect(alert.title.endsWith('…”')).toBe(true);
    expect(alert.summary).toBe(`New comment on ${value}: “${text}”.`);
  });

  it('several changes at once: ONE alert for the object, with every change', async () => {
    const { result, value } = await changeIndicator4((o) => {
      o.manualScore = 9;
      o.statusId = 4;
      o.tags.push({ id: 32, name: 'ransomware' });
    });
    const alert = onlyAlert(result.alerts);
    expect(alert.changes.map((c) => c.field)).toEqual(['score', 'status', 'tags']);
    expect(alert.title).toBe(`Score of ${value} rose from 5 to 9 (+2 more)`);
    expect(alert.summary).toBe(
      `Score of ${value} rose from 5 to 9. Status of ${value} changed from Active to Review. Tag ransomware added to ${value}.`,
    );
  });

  it('compares only the configured fields', async () => {
    const { result } = await changeIndicator4(
      (o) => {
        o.tags = [];
        o.statusId = 4;
      },
      { fields: ['score', 'status'] },
    );
    expect(onlyAlert(result.alerts).changes).toEqual([
      { field: 'status', before: 'Active', after: 'Review' },
    ]);
  });

  it('describes the object as it is now: link, type, occurredAt', async () => {
    const { result } = await changeIndicator4((o) => {
      o.manualScore = 7;
    });
    const alert = onlyAlert(result.alerts);
    const now = fake.state.object('indicators', 4) as { updated_at: string; type: { name: string } };
    expect(alert.object).toEqual({
      collection: 'indicators',
      id: 4,
      value: displayValueOf(fake, 'indicators', 4),
      type: now.type.name,
      link: 'https://threatq.test/indicators/4/details',
    });
    expect(alert.occurredAt).toBe(`${now.updated_at.replace(' ', 'T')}.000Z`);
  });
});

describe('the scripted activity of the fake', () => {
  it('gives one alert per step for the watched object it changed, naming the change', async () => {
    const service = new WatchlistService(clientFor(fake));
    let cursor = (await poll(service)).cursor;
    const seen: string[] = [];
    for (let n = 0; n < 6; n += 1) {
      const step = fake.activity.step();
      const result = await poll(service, cursor);
      // A step also adds a "Last Seen" attribute to a data collection match, which may be a watched object too.
      const alerts = result.alerts.map((a) => createAlert(a));
      const forStep = alerts.filter(
        (a) => a.object?.id === step.watched?.id && a.object?.collection === step.watched?.collection,
      );
      expect(forStep).toHaveLength(1);
      expect(
        alerts
          .filter((a) => !forStep.includes(a))
          .every((a) => a.changes.every((c) => c.field === 'attributes.Last Seen')),
      ).toBe(true);
      seen.push(forStep[0]?.changes.map((c) => c.field.replace(/\..*/, '')).join(',') ?? '');
      cursor = result.cursor;
    }
    // Steps cycle score, status, tag, comment, source, attribute over the three watched objects.
    expect(seen).toEqual(['score', 'status', 'tags', 'comments', 'sources', 'attributes']);
  });
});

describe('alert ids', () => {
  it('are the same for the same change, whatever poll finds it', async () => {
    const { service, baseline, result } = await changeIndicator4((o) => {
      o.manualScore = 8;
    });
    const again = await poll(service, baseline.cursor);
    expect(onlyAlert(again.alerts).id).toBe(onlyAlert(result.alerts).id);
    expect(onlyAlert(result.alerts).id).toMatch(/^watchlist:indicators:4:[0-9a-f]{16}$/);
  });

  it('are new for a further change, and the change is not alerted twice', async () => {
    const { service, result } = await changeIndicator4((o) => {
      o.manualScore = 8;
    });
    expect((await poll(service, result.cursor)).alerts).toEqual([]);
    fake.state.update('indicators', 4, (o) => {
      o.manualScore = 9;
    });
    const next = await poll(service, result.cursor);
    expect(onlyAlert(next.alerts).id).not.toBe(onlyAlert(result.alerts).id);
  });

  it('do not depend on unrelated fields of the object', async () => {
    const first = await changeIndicator4((o) => {
      o.manualScore = 8;
    });
    fake.reset();
    const second = await changeIndicator4((o) => {
      o.manualScore = 8;
      o.description = '<p>Edited description, not a compared field.</p>';
    });
    expect(onlyAlert(second.result.alerts).id).toBe(onlyAlert(first.result.alerts).id);
  });
});

describe('iZoologic case attributes', () => {
  it('an event alert carries its iZoologic Case ID and Case Type as fields, for the case buttons', async () => {
    const service = new WatchlistService(clientFor(fake));
    const baseline = await poll(service);
    fake.state.update('events', 1, (o) => {
      o.tags = [...o.tags, { id: 77, name: 'escalated' }];
    });
    const next = await poll(service, baseline.cursor);
    const [eventAlert] = next.alerts
      .map((a) => createAlert(a))
      .filter((a) => a.object?.collection === 'events');
    const record = fake.state.record('events', 1) as { attributes: Array<{ name: string; value: string }> };
    const caseId = record.attributes.find((a) => a.name === 'iZoologic Case ID')?.value;
    expect(caseId).toBeTruthy();
    expect(eventAlert?.fields['iZoologic Case ID']).toBe(caseId);
  });
});

describe('a change back to an earlier state', () => {
  it('is a new alert: 8 → 5 → 8 alerts each time, not only the first 8', async () => {
    const { service, result } = await changeIndicator4((o) => {
      o.manualScore = 8;
    });
    fake.state.update('indicators', 4, (o) => {
      o.manualScore = 5;
    });
    const down = await poll(service, result.cursor);
    fake.state.update('indicators', 4, (o) => {
      o.manualScore = 8;
    });
    const up = await poll(service, down.cursor);
    const ids = [result, down, up].map((r) => onlyAlert(r.alerts).id);
    expect(new Set(ids).size).toBe(3);
  });
});
