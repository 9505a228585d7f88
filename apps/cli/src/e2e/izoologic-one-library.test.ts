// The iZoologic commands on @tqalert/izoologic-actions: one case per ThreatQ object (11.3), every case named,
// client accounts (12.3), the move table enforced by a lookup (12.2), idempotency keys and `tqalert actions list`.
import { mkdtempSync, writeFileSync } from 'node:fs';
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
const EVENT_ID = 2;

beforeAll(async () => {
  tq = await serve((baseUrl) => createThreatQFake({ baseUrl }));
  iz = await serve((baseUrl) =>
    createIZoologicFake({
      baseUrl,
      listCaseDetails: true,
      cases: [
        { id: 'INC1', caseType: 6, clientCode: 'ABC', status: 'Pending' },
        { id: 'INC2', caseType: 6, clientCode: 'ABC', status: 'Pending' },
        { id: 'INC3', caseType: 6, clientCode: 'ABC', status: 'Pending' },
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
    USER: 'alice',
  };
});

afterAll(async () => {
  await iz?.close();
  await tq?.close();
});

beforeEach(() => {
  iz.fake.requests.length = 0;
});

const actions = () => iz.fake.requests.filter((r) => r.path.startsWith('/api/ThreatManagement/'));

describe('11.3 an object stands for one case', () => {
  it('11.3 approve-takedown on an object whose case id lists several cases is refused, nothing sent', async () => {
    tq.fake.state.update('events', EVENT_ID, (o) => {
      for (const a of o.attributes) if (a.name === 'iZoologic Case ID') a.value = 'INC1,INC2,INC3';
    });
    const r = await runCli(
      ['izoologic', 'approve-takedown', '--threatq-object', `events:${EVENT_ID}`, '--client-code', 'ABC'],
      { env },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--threatq-object');
    expect(r.stderr).toContain('"INC1,INC2,INC3", which names several cases');
    expect(r.stderr).toContain('--case A --case B');
    expect(actions()).toEqual([]);
    expect(iz.fake.state.cases.get('INC1')?.status).toBe('Pending');
  });

  it('11.3 several cases need an explicit --case list, and the outcome line names each', async () => {
    const r = await runCli(
      ['izoologic', 'approve-takedown', '--case', 'INC1', '--case', 'INC2', '--client-code', 'ABC'],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Approve Case Takedown: Incidents approved for takedown (cases INC1, INC2)');
    expect(actions()[0]?.body).toMatchObject({ ids: 'INC1,INC2' });
    expect(iz.fake.state.cases.get('INC3')?.status).toBe('Pending');
  });
});

describe('12.3 client accounts', () => {
  it('12.3 --account-kind client without a client code is refused before any request', async () => {
    const flag = await runCli(['izoologic', 'mark-reviewed', '--case', 'INC1', '--account-kind', 'client'], {
      env,
    });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(
      '--client-code: clientCode is required for markAsReviewed with a client account',
    );
    const fromEnv = await runCli(['izoologic', 'mark-reviewed', '--case', 'INC1'], {
      env: { ...env, IZOOLOGIC_ACCOUNT_KIND: 'client' },
    });
    expect(fromEnv.code).toBe(2);
    expect(iz.fake.requests).toEqual([]);
  });
});

describe('12.2 the move table, without --from', () => {
  it('12.2 a move the table forbids is refused once iZoologic says the case type; MoveCase is never sent', async () => {
    const r = await runCli(['izoologic', 'move-case', '--case', 'INC3', '--to', 'incident'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--to: A Incident(6) case cannot be moved to Incident(6)');
    expect(actions().map((a) => a.path)).not.toContain('/api/ThreatManagement/MoveCase');
  });
});

describe('idempotency keys and the audit trail', () => {
  it('the same --idempotency-key acts once; `tqalert actions list` shows who did what', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tqalert-actions-'));
    const config = join(dir, 'tqalert.yaml');
    writeFileSync(config, 'store: { use: sqlite, options: { path: ./state.db } }\n');
    const review = () =>
      runCli(
        [
          'izoologic',
          'mark-reviewed',
          '--case',
          'INC2',
          '--idempotency-key',
          'ticket-42',
          '--config',
          config,
        ],
        { env },
      );
    const first = await review();
    const second = await review();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already done under idempotency key ticket-42; not sent again');
    expect(actions().filter((a) => a.path.endsWith('/MarkAsReviewed'))).toHaveLength(1);
    const list = await runCli(['actions', 'list', '--config', config, '--json'], { env });
    expect(list.code).toBe(0);
    expect(list.json<{ actions: unknown[] }>().actions).toEqual([
      expect.objectContaining({
        idempotencyKey: 'ticket-42',
        action: 'markAsReviewed',
        caseIds: ['INC2'],
        actor: { via: 'cli', id: 'alice' },
        status: 'succeeded',
        message: 'Cases Marked as Reviewed',
      }),
    ]);
    const text = await runCli(['actions', 'list', '--config', config, '--case', 'INC2'], { env });
    expect(text.stdout).toMatch(
      /alice via cli\tmarkAsReviewed\tINC2\tsucceeded: Cases Marked as Reviewed\tkey ticket-42/,
    );
  });
});
