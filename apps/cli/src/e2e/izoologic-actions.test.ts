import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createIZoologicFake,
  createThreatQFake,
  IZOOLOGIC_CREDENTIALS,
  type IZoologicFake,
  type ServedFake,
  serve,
  THREATQ_CREDENTIALS,
  type ThreatQFake,
} from '@tqalert/fixtures';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let iz: ServedFake<IZoologicFake>;
let tq: ServedFake<ThreatQFake>;
let env: NodeJS.ProcessEnv;
let eventCaseId: string;

const EVENT_ID = 1;

beforeAll(async () => {
  tq = await serve((baseUrl) => createThreatQFake({ baseUrl }));
  const event = tq.fake.state.record('events', EVENT_ID);
  eventCaseId = String(event?.attributes.find((a) => a.name === 'iZoologic Case ID')?.value);
  iz = await serve((baseUrl) =>
    createIZoologicFake({
      baseUrl,
      cases: [
        { id: 'CASE123456', caseType: 2, clientCode: 'ABC' },
        { id: 'INC123456', caseType: 6, clientCode: 'ABC', status: 'Pending' },
        { id: 'INC123457', caseType: 6, clientCode: 'ABC', status: 'Pending' },
        { id: eventCaseId, caseType: 6, clientCode: 'ABC' },
      ],
    }),
  );
  env = {
    IZOOLOGIC_HOST: iz.url,
    IZOOLOGIC_API_KEY: IZOOLOGIC_CREDENTIALS.apikey,
    IZOOLOGIC_SECRET_KEY: IZOOLOGIC_CREDENTIALS.secretkey,
    THREATQ_URL: tq.url,
    THREATQ_CLIENT_ID: THREATQ_CREDENTIALS.privateClientId,
    THREATQ_CLIENT_SECRET: THREATQ_CREDENTIALS.clientSecret,
  };
});

afterAll(async () => {
  await iz?.close();
  await tq?.close();
});

beforeEach(() => {
  iz.fake.requests.length = 0;
});

/** The case-action requests iZoologic received (authentication left out). */
const actions = () => iz.fake.requests.filter((r) => r.path.startsWith('/api/ThreatManagement/'));

describe('tqalert izoologic: the four case actions against the served fake', () => {
  it('send-message sends the query string exactly as the guide shows, and no body', async () => {
    const r = await runCli(
      [
        'izoologic',
        'send-message',
        '--case',
        'CASE123456',
        '--subject',
        'Urgent Follow-up',
        '--message',
        'Please provide status update on this phishing case',
        '--client-code',
        'ABC',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Send Case Message: Message sent successfully');
    const [req] = actions();
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/api/ThreatManagement/SendCaseMessage');
    expect(req?.query).toEqual({
      CaseID: 'CASE123456',
      Subject: 'Urgent Follow-up',
      Message: 'Please provide status update on this phishing case',
      ClientCode: 'ABC',
    });
    expect(req?.body).toBeUndefined();
    expect(req?.headers.authorization).toMatch(/^Bearer /);
  });

  it('approve-takedown and mark-reviewed send the JSON bodies of the guide', async () => {
    const a = await runCli(
      [
        'izoologic',
        'approve-takedown',
        '--case',
        'INC123456,INC123457',
        '--client-code',
        'ABC',
        '--remark',
        'Approved for immediate takedown',
        '--json',
      ],
      { env },
    );
    expect(a.code).toBe(0);
    expect(a.json()).toMatchObject({
      ok: true,
      action: 'Approve Case Takedown',
      summary: 'Incidents approved for takedown',
    });
    const m = await runCli(
      [
        'izoologic',
        'mark-reviewed',
        '--case',
        'CASE123456',
        '--client-code',
        'ABC',
        '--remark',
        'Case reviewed',
      ],
      { env },
    );
    expect(m.code).toBe(0);
    const [approve, review] = actions();
    expect(approve?.path).toBe('/api/ThreatManagement/ApproveCaseTakedown');
    expect(approve?.body).toEqual({
      ids: 'INC123456,INC123457',
      clientCode: 'ABC',
      remark: 'Approved for immediate takedown',
    });
    expect(review?.path).toBe('/api/ThreatManagement/MarkAsReviewed');
    expect(review?.body).toEqual({ ids: 'CASE123456', clientCode: 'ABC', remark: 'Case reviewed' });
    expect(iz.fake.state.cases.get('INC123456')?.status).toBe('Open');
  });

  it('move-case sends the JSON body with the numeric target, names accepted', async () => {
    const r = await runCli(
      [
        'izoologic',
        'move-case',
        '--case',
        'CASE123456',
        '--to',
        'incident',
        '--client-code',
        'ABC',
        '--comment',
        'Escalating',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Case moved successfully');
    // Without --from, the case's current type is looked up in iZoologic's listing first (issue 12.2).
    const req = actions().find((a) => a.path !== '/api/ThreatManagement/FetchIncidents');
    expect(req?.path).toBe('/api/ThreatManagement/MoveCase');
    expect(req?.body).toEqual({
      clientCode: 'ABC',
      caseID: 'CASE123456',
      moveToCaseType: 6,
      comment: 'Escalating',
    });
    expect(iz.fake.state.cases.get('CASE123456')?.caseType).toBe(6);
  });

  it('with --threatq-object, reads the case from the event and records the outcome as a ThreatQ comment', async () => {
    const before = tq.fake.state.record('events', EVENT_ID)?.comments.length ?? 0;
    const r = await runCli(
      [
        'izoologic',
        'mark-reviewed',
        '--threatq-object',
        `events:${EVENT_ID}`,
        '--client-code',
        'ABC',
        '--remark',
        'seen',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`recorded on ThreatQ events:${EVENT_ID} as a comment`);
    expect(actions()[0]?.body).toMatchObject({ ids: eventCaseId });
    const comments = tq.fake.state.record('events', EVENT_ID)?.comments ?? [];
    expect(comments).toHaveLength(before + 1);
    expect(comments.at(-1)?.value).toContain(`marked as reviewed case ${eventCaseId}`);
  });

  it('a move with --threatq-object updates the case-type attribute; a move the guide forbids is refused first', async () => {
    // The event's case is an incident (6), which the guide lets move to the whitelist.
    tq.fake.state.update('events', EVENT_ID, (o) => {
      for (const a of o.attributes) if (a.name === 'iZoologic Case Type') a.value = '6';
    });
    const moved = await runCli(
      [
        'izoologic',
        'move-case',
        '--threatq-object',
        `events:${EVENT_ID}`,
        '--to',
        'whitelist',
        '--client-code',
        'ABC',
      ],
      { env },
    );
    expect(moved.code).toBe(0);
    const attrs = tq.fake.state.record('events', EVENT_ID)?.attributes ?? [];
    expect(attrs.filter((a) => a.name === 'iZoologic Case Type').at(-1)?.value).toBe('10');
    iz.fake.requests.length = 0;
    const refused = await runCli(
      ['izoologic', 'move-case', '--case', 'X1', '--from', 'domain', '--to', 'brand-abuse'],
      { env },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--to');
    expect(actions()).toHaveLength(0);
  });

  it('refuses a 121-character subject before any request: exit 2, naming --subject and 120', async () => {
    iz.fake.requests.length = 0;
    const r = await runCli(
      ['izoologic', 'send-message', '--case', 'CASE123456', '--subject', 'x'.repeat(121), '--message', 'hi'],
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--subject');
    expect(r.stderr).toContain('120');
    expect(iz.fake.requests).toHaveLength(0);
  });

  it('names every validation error: missing message, message over 2,500, unknown case type, missing connection', async () => {
    const noMessage = await runCli(['izoologic', 'send-message', '--case', 'C1', '--subject', 's'], { env });
    expect(noMessage.code).toBe(2);
    expect(noMessage.stderr).toContain('--message');
    const long = await runCli(['izoologic', 'send-message', '--case', 'C1', '--message', 'm'.repeat(2501)], {
      env,
    });
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/--message.*2,?500/);
    const unknownType = await runCli(['izoologic', 'move-case', '--case', 'C1', '--to', 'moon'], { env });
    expect(unknownType.code).toBe(2);
    expect(unknownType.stderr).toContain('--to');
    const noCase = await runCli(['izoologic', 'approve-takedown'], { env });
    expect(noCase.code).toBe(2);
    expect(noCase.stderr).toContain('--case is required');
    const noConnection = await runCli(['izoologic', 'mark-reviewed', '--case', 'C1'], {
      env: { IZOOLOGIC_HOST: '', IZOOLOGIC_API_KEY: '', IZOOLOGIC_SECRET_KEY: '' },
    });
    expect(noConnection.code).toBe(2);
    expect(noConnection.stderr).toContain('--api-key (or IZOOLOGIC_API_KEY)');
    expect(iz.fake.requests).toHaveLength(0);
  });

  it('a refusal by iZoologic exits 1 with its error code, --json reports it, and no secret is printed', async () => {
    const r = await runCli(['izoologic', 'move-case', '--case', 'NOPE-1', '--to', '6', '--json'], { env });
    expect(r.code).toBe(1);
    const body = r.json<{ ok: boolean; error: string }>();
    expect(body.ok).toBe(false);
    expect(body.error).toMatch(/iZOO\d{4}/);
    for (const secret of [IZOOLOGIC_CREDENTIALS.apikey, IZOOLOGIC_CREDENTIALS.secretkey]) {
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
  });

  it('a refused connection exits 1 and explains the allow-listing of the egress IP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-cli-'));
    writeFileSync(join(dir, 'unused'), '');
    // A port that was free a moment ago: nothing listens there, so the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const r = await runCli(['izoologic', 'mark-reviewed', '--case', 'C1'], {
      env: { ...env, IZOOLOGIC_HOST: `http://127.0.0.1:${port}` },
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr.toLowerCase()).toContain('allow');
  });
});
