import type { IZoologicCaseSeed } from '@tqalert/fixtures';
import { describe, expect, it } from 'vitest';
import { splitIntoDayWindows } from './day-windows.js';
import { apiRequests, clientFor, drain, failureOf, useFake } from './test-fake.js';

const at = (iso: string) => Date.parse(iso) / 1000;
const seconds = (iso: string) => String(at(iso));
const cases: IZoologicCaseSeed[] = [
  { id: 'A0', caseType: 6, clientCode: 'ACME', createdOn: at('2026-01-03T08:00:00Z') },
  { id: 'A1', caseType: 6, clientCode: 'ACME', createdOn: at('2026-01-03T10:00:00Z') },
  { id: 'A2', caseType: 6, clientCode: 'ACME', createdOn: at('2026-01-03T10:30:00Z') },
  {
    id: 'A3',
    caseType: 6,
    clientCode: 'ACME',
    createdOn: at('2026-01-03T11:00:00Z'),
    status: 'Closed',
    closedOn: at('2026-01-04T00:00:00Z'),
  },
  { id: 'B1', caseType: 2, clientCode: 'ACME', createdOn: at('2026-02-10T08:00:00Z') },
  { id: 'C1', caseType: 6, clientCode: 'ACME', createdOn: at('2026-03-05T00:00:00Z') },
  {
    id: 'C2',
    caseType: 6,
    clientCode: 'ACME',
    createdOn: at('2026-03-05T12:00:00Z'),
    incidentType: 3,
    threatLevel: 14,
  },
  { id: 'D1', caseType: 6, clientCode: 'ACME', createdOn: at('2026-03-06T07:00:00Z') },
];
const fake = useFake({ cases, pageSize: 2, now: () => new Date('2026-04-10T00:00:00Z') });

describe('fetchIncidents', () => {
  it('splits the range into ≤31-day windows, follows paging tokens, trims to the instants, newest first', async () => {
    const range = { from: new Date('2026-01-03T09:00:00Z'), to: new Date('2026-03-06T06:00:00Z') };
    const incidents = await drain(clientFor().fetchIncidents(range));
    expect(incidents.map((incident) => incident.id)).toEqual(['C2', 'C1', 'B1', 'A3', 'A2', 'A1']);

    const bodies = apiRequests(fake).map((request) => request.body as Record<string, string>);
    const windows = bodies.map(({ fromdate, todate, token }) => ({
      fromdate,
      todate,
      paged: token !== undefined,
    }));
    expect(windows).toEqual([
      { fromdate: seconds('2026-03-06T00:00:00Z'), todate: seconds('2026-03-06T23:59:59Z'), paged: false },
      { fromdate: seconds('2026-02-03T00:00:00Z'), todate: seconds('2026-03-05T23:59:59Z'), paged: false },
      { fromdate: seconds('2026-02-03T00:00:00Z'), todate: seconds('2026-03-05T23:59:59Z'), paged: true },
      { fromdate: seconds('2026-01-03T00:00:00Z'), todate: seconds('2026-02-02T23:59:59Z'), paged: false },
      { fromdate: seconds('2026-01-03T00:00:00Z'), todate: seconds('2026-02-02T23:59:59Z'), paged: true },
    ]);
  });

  it('reads an iZOO2011 "no data found" window as empty, not as an error', async () => {
    const incidents = await drain(
      clientFor().fetchIncidents({
        from: new Date('2026-04-01T00:00:00Z'),
        to: new Date('2026-04-03T00:00:00Z'),
      }),
    );
    expect(incidents).toEqual([]);
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('sends filters with the lowercase keys and codes the API expects', async () => {
    const incidents = await drain(
      clientFor().fetchIncidents({
        from: new Date('2026-03-05T00:00:00Z'),
        to: new Date('2026-03-05T23:00:00Z'),
        incidentType: 'malware',
        threatType: 'critical',
        clientCode: 'ACME',
        brandCode: cases[6]?.brandCode ?? fake.state.cases.get('C2')?.brandCode,
      }),
    );
    expect(incidents.map((incident) => incident.id)).toEqual(['C2']);
    expect(apiRequests(fake)[0]?.body).toEqual({
      fromdate: seconds('2026-03-05T00:00:00Z'),
      todate: seconds('2026-03-05T23:59:59Z'),
      incidenttype: 3,
      threattype: 14,
      clientcode: 'ACME',
      brandcode: fake.state.cases.get('C2')?.brandCode,
    });
  });

  it('parses dates and keeps the raw record', async () => {
    const [a3] = await drain(
      clientFor().fetchIncidents({
        from: new Date('2026-01-03T11:00:00Z'),
        to: new Date('2026-01-03T11:00:00Z'),
      }),
    );
    expect(a3).toMatchObject({
      id: 'A3',
      status: 'Closed',
      statusCode: 16,
      createdOn: new Date('2026-01-03T11:00:00Z'),
      closedOn: new Date('2026-01-04T00:00:00Z'),
    });
    expect(a3?.raw).toMatchObject({ incidentID: 'A3', createdOn: seconds('2026-01-03T11:00:00Z') });
  });

  it('asks for no more pages than the caller reads', async () => {
    for await (const incident of clientFor().fetchIncidents({
      from: new Date('2026-01-03T00:00:00Z'),
      to: new Date('2026-01-03T23:00:00Z'),
    })) {
      expect(incident.id).toBe('A3');
      break;
    }
    expect(apiRequests(fake)).toHaveLength(1);
  });

  it('names the record and field when iZoologic lists something unreadable', async () => {
    const client = clientFor({
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        if (!(input instanceof Request) || !input.url.endsWith('FetchIncidents')) return response;
        const body = (await response.json()) as { result: { incidents: Array<Record<string, unknown>> } };
        const second = body.result.incidents[1];
        if (second) second.createdOn = 'yesterday';
        return Response.json(body);
      },
    });
    const error = await failureOf(
      drain(
        client.fetchIncidents({
          from: new Date('2026-01-03T00:00:00Z'),
          to: new Date('2026-01-03T23:00:00Z'),
        }),
      ),
    );
    expect(error).toMatchObject({ code: 'IZOOLOGIC_BAD_RESPONSE', maybeApplied: false });
    expect(error.message).toMatch(
      /^iZoologic answered fetchIncidents with success but an unexpected result\.incidents\[1\]\.createdOn: /,
    );
  });
});

describe('splitIntoDayWindows', () => {
  const days = (from: string, to: string) =>
    splitIntoDayWindows(new Date(from), new Date(to)).map((w) => w.days);

  it('covers every touched UTC day in windows of at most 31, never sending equal midnights', () => {
    expect(days('2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toEqual([1]);
    expect(days('2026-01-01T23:59:59Z', '2026-01-02T00:00:01Z')).toEqual([2]);
    expect(days('2026-01-01T00:00:00Z', '2026-01-31T23:59:59Z')).toEqual([31]);
    expect(days('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')).toEqual([31, 1]);
    expect(days('2025-01-01T00:00:00Z', '2025-12-31T12:00:00Z')).toEqual([
      31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 24,
    ]);
    const [single] = splitIntoDayWindows(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(single?.fromdate).not.toBe(single?.todate);
  });

  it('refuses a window size the API would reject', () => {
    expect(() => splitIntoDayWindows(new Date(0), new Date(0), 32)).toThrow(
      'maxDays must be a whole number from 1 to 31, got 32.',
    );
  });
});

describe('reportNewIncident', () => {
  it('posts the lowercase body and returns the new Reported Incident (9)', async () => {
    const reported = await clientFor().reportNewIncident({
      incidentUrl: 'https://phish.example/login',
      incidentType: 'phishing',
      brandCode: 'ACMEBANK',
      threatType: 'high',
      caseType: 'incident',
      comment: 'Seen in a customer mail',
      clientCode: 'ACME',
    });
    expect(reported).toMatchObject({
      statusDescription: 'Under Review',
      caseType: 9,
      caseTypeDescription: 'Reported Incident',
    });
    expect(apiRequests(fake)[0]).toMatchObject({
      path: '/api/ThreatManagement/ReportNewIncident',
      body: {
        incidenturl: 'https://phish.example/login',
        incidenttype: 2,
        brandcode: 'ACMEBANK',
        threattype: 13,
        casetype: 6,
        comment: 'Seen in a customer mail',
        clientcode: 'ACME',
      },
    });
    expect(fake.state.cases.get(reported.id)).toMatchObject({
      caseType: 9,
      url: 'https://phish.example/login',
    });
  });

  it('is not retried when rate-limited: the report was not made and the caller is told so', async () => {
    fake.faults.rateLimit(1, 5, { route: 'ReportNewIncident' });
    const error = await failureOf(
      clientFor().reportNewIncident({
        incidentUrl: 'https://x.example',
        incidentType: 2,
        brandCode: 'ACMEBANK',
      }),
    );
    expect(error).toMatchObject({ code: 'IZOOLOGIC_RATE_LIMITED', retryAfter: 5 });
    expect(apiRequests(fake)).toHaveLength(1);
  });
});
