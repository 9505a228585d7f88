import { type Alert, silentLogger } from '@tqalert/core';
import {
  createIZoologicActivity,
  createIZoologicFake,
  IZOOLOGIC_CREDENTIALS,
  IZOOLOGIC_GUIDE_CASES,
} from '@tqalert/fixtures';
import { IZoologicClient } from '@tqalert/izoologic-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCaseAlert } from './case-alert.js';
import { IZoologicCasesService } from './cases-service.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const fake = createIZoologicFake({
  baseUrl: 'https://izoologic.test',
  now: () => NOW,
  listCaseDetails: true,
  cases: [...IZOOLOGIC_GUIDE_CASES],
});
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => fake.reset());
afterAll(() => server.close());

const client = new IZoologicClient({
  baseUrl: 'https://izoologic.test',
  apiKey: IZOOLOGIC_CREDENTIALS.apikey,
  secretKey: IZOOLOGIC_CREDENTIALS.secretkey,
});

async function poll(service: IZoologicCasesService, cursor?: unknown, now = NOW) {
  const result = await service.fetchAlerts({ cursor, now, logger: silentLogger });
  const clean = service.sanitizeAlerts(result.alerts);
  expect(clean.rejected).toEqual([]);
  return { ...result, alerts: clean.alerts };
}

describe('IZoologicCasesService', () => {
  it('takes a baseline on its first run, then alerts on a new case with everything a case action needs', async () => {
    const service = new IZoologicCasesService(client, { caseUrl: 'https://portal.example/cases/{caseId}' });
    const first = await poll(service);
    expect(first.alerts).toEqual([]);
    expect(first.notes).toEqual([
      'iZoologic cases service "izoologic-cases": first run, took a baseline of 2 case(s); new cases and changes from now on are alerted.',
    ]);
    createIZoologicActivity(fake, { now: () => NOW }).step();
    const second = await poll(service, first.cursor);
    expect(second.alerts).toHaveLength(1);
    const [alert] = second.alerts as [Alert];
    expect(alert).toMatchObject({
      id: 'izoologic-cases:NEW700001:new',
      type: 'IZOOLOGIC_CASE',
      title: expect.stringMatching(/^New iZoologic .*case NEW700001 against /),
      object: {
        collection: 'izoologic-cases',
        id: 'NEW700001',
        type: 'Incident(6)',
        link: 'https://portal.example/cases/NEW700001',
      },
      occurredAt: NOW.toISOString(),
    });
    expect(alert.fields).toMatchObject({
      'Case ID': 'NEW700001',
      'Case type': 'Incident(6)',
      'Client code': 'ABC',
      Status: 'Pending',
      'Review state': 'not reviewed',
      Created: NOW.toISOString(),
    });
    expect(readCaseAlert(alert)).toEqual({
      caseId: 'NEW700001',
      caseType: 6,
      clientCode: 'ABC',
      threatqObject: undefined,
    });
    // Polled again with nothing changed: no alert.
    expect((await poll(service, second.cursor)).alerts).toEqual([]);
  });

  it('alerts once per change of status, case type and review state, naming before and after', async () => {
    const service = new IZoologicCasesService(client);
    const { cursor } = await poll(service);
    const item = fake.state.cases.get('INC123456');
    if (item === undefined) throw new Error('guide case missing');
    item.status = 'Open';
    item.reviewed = true;
    const moved = fake.state.cases.get('CASE123456');
    if (moved) moved.caseType = 6;
    const changed = await poll(service, cursor);
    const byCase = Object.fromEntries(changed.alerts.map((a) => [a.object?.id, a]));
    expect(byCase.INC123456?.changes).toEqual([
      { field: 'status', before: 'Pending', after: 'Open' },
      { field: 'review state', before: 'not reviewed', after: 'reviewed' },
    ]);
    expect(byCase.INC123456?.title).toBe(
      'iZoologic case INC123456: status Pending → Open, review state not reviewed → reviewed',
    );
    expect(byCase.CASE123456?.changes).toEqual([
      { field: 'case type', before: 'Brand Abuse Monitoring(2)', after: 'Incident(6)' },
    ]);
    expect(byCase.INC123456?.id).not.toBe(byCase.CASE123456?.id);
    expect((await poll(service, changed.cursor)).alerts).toEqual([]);
  });

  it('with clientCodes, lists per client code and carries that code; the ThreatQ object when the hook knows it', async () => {
    const service = new IZoologicCasesService(
      client,
      { clientCodes: ['ABC'], firstRun: 'alert' },
      { findThreatQObject: (caseId) => (caseId === 'INC123456' ? 'events:42' : undefined) },
    );
    const { alerts } = await poll(service);
    expect(alerts.map((a) => a.object?.id).sort()).toEqual(['CASE123456', 'INC123456']);
    const inc = alerts.find((a) => a.object?.id === 'INC123456') as Alert;
    expect(readCaseAlert(inc)).toEqual({
      caseId: 'INC123456',
      caseType: 6,
      clientCode: 'ABC',
      threatqObject: 'events:42',
    });
    const body = fake.requests.find((r) => r.path.endsWith('/FetchIncidents'))?.body;
    expect(body).toMatchObject({ clientcode: 'ABC' });
  });

  it('without the inferred listing fields, still alerts on new cases and status changes', async () => {
    const plain = createIZoologicFake({
      baseUrl: 'https://plain.izoologic.test',
      now: () => NOW,
      cases: [...IZOOLOGIC_GUIDE_CASES],
    });
    server.use(...plain.handlers);
    const service = new IZoologicCasesService(
      new IZoologicClient({
        baseUrl: 'https://plain.izoologic.test',
        ...{ apiKey: IZOOLOGIC_CREDENTIALS.apikey, secretKey: IZOOLOGIC_CREDENTIALS.secretkey },
      }),
    );
    const { cursor } = await poll(service);
    const item = plain.state.cases.get('INC123456');
    if (item) item.status = 'Open';
    const { alerts } = await poll(service, cursor);
    expect(alerts.map((a) => a.changes)).toEqual([[{ field: 'status', before: 'Pending', after: 'Open' }]]);
    expect(alerts[0]?.fields['Case type']).toBe('unknown');
  });

  it('refuses a missing client and a wrong option, naming where', () => {
    expect(() => new IZoologicCasesService(undefined as never)).toThrow(/izoologic: section/);
    expect(() => new IZoologicCasesService(client, { lookbackDays: 400, caseUrl: 'x' })).toThrow(
      /lookbackDays must be at most 366[\s\S]*caseUrl must be an http\(s\) URL/,
    );
  });
});
