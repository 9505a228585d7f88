// The sandbox's iZoologic stand-in: the guide's example cases beside its own, so the guide's and the READMEs'
// examples run verbatim, and new cases now and then, so case alerts keep arriving (issue 12.9).
import { IZoologicClient } from '@tqalert/izoologic-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox.js';

let sandbox: Sandbox;
let izoo: IZoologicClient;

beforeAll(async () => {
  sandbox = await startSandbox({ activityEverySeconds: false });
  izoo = new IZoologicClient({
    baseUrl: sandbox.izoologic.url,
    apiKey: sandbox.izoologic.credentials.apikey,
    secretKey: sandbox.izoologic.credentials.secretkey,
  });
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("the sandbox's iZoologic stand-in", () => {
  it("runs the guide's four examples verbatim (CASE123456, INC123456, ABC, CLIENT001) beside its own cases", async () => {
    const message = await izoo.sendCaseMessage({
      caseId: 'CASE123456',
      subject: 'Urgent Follow-up',
      message: 'Please provide status update on this phishing case',
      clientCode: 'ABC',
    });
    expect(message.message).toBe('Message sent successfully');
    const approved = await izoo.approveCaseTakedown({
      ids: 'INC123456',
      clientCode: 'ABC',
      remark: 'Approved for immediate takedown - high priority threats',
    });
    expect(approved.message).toBe('Incidents approved for takedown');
    const reviewed = await izoo.markAsReviewed({
      ids: 'INC123456',
      clientCode: 'CLIENT001',
      remark: 'Case reviewed and validated. No further action required.',
    });
    expect(reviewed.message).toBe('Cases Marked as Reviewed');
    const moved = await izoo.moveCase({
      clientCode: 'CLIENT001',
      caseId: 'CASE123456',
      toCaseType: 6,
      comment: 'Moving case to incident for further investigation',
    });
    expect(moved.message).toBe('Case moved successfully');
    expect(sandbox.izoologic.fake.state.cases.get('INC100001')).toBeDefined();
  });

  it('adds a case now and then that the listing shows with its type and client code', async () => {
    const step = sandbox.izoologic.activity.step();
    expect(step.kind).toBe('new');
    const now = new Date();
    const listed = [];
    for await (const incident of izoo.fetchIncidents({
      from: new Date(now.getTime() - 86_400_000),
      to: now,
    })) {
      listed.push(incident);
    }
    expect(listed.find((incident) => incident.id === step.caseId)).toMatchObject({
      caseType: 6,
      clientCode: 'ABC',
    });
  });

  it('steps iZoologic on its own timer when ThreatQ activity runs, and not when it is off', async () => {
    expect(sandbox.izoologic.activity.everyMs).toBeUndefined();
    const timed = await startSandbox({ activityEverySeconds: 60 });
    try {
      expect(timed.izoologic.activity.everyMs).toBe(180_000);
    } finally {
      await timed.stop();
    }
    await expect(startSandbox({ izoologicActivityEverySeconds: -1 })).rejects.toThrow(
      /izoologicActivityEverySeconds must be a number of seconds/,
    );
  });
});
