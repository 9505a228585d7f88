import { Redactor } from '@tqalert/core';
import { describe, expect, it } from 'vitest';
import {
  clickPayload,
  EVENT_CASE,
  interactionsFor,
  messageNow,
  postCaseAlert,
  type SlackJson,
  submitPayload,
  USER1,
  useInteractionFakes,
  ZACH,
} from './test-interactions.js';

const fakes = useInteractionFakes();
const { tq, iz, slack, extras } = fakes;
const zachOnly = [ZACH.id];
const allowZach = {
  sendCaseMessage: zachOnly,
  approveCaseTakedown: zachOnly,
  markAsReviewed: zachOnly,
  moveCase: zachOnly,
};
const izooActions = () =>
  iz.requests.filter((r) => /\/api\/ThreatManagement\/(Approve|Mark|Move|Send)/.test(r.path)).length;
const buttonsOf = (ts: string) =>
  messageNow(slack, ts)
    .blocks.find((b) => b.block_id === 'izoologic_case_actions')
    ?.elements.map((e: { text: { text: string } }) => e.text.text) ?? [];
const outcomeOf = (ts: string) =>
  messageNow(slack, ts)
    .blocks.filter((b) => String(b.block_id).startsWith('izoologic_outcome_'))
    .map((b) => b.elements[0].text as string);
let views = 0;
const eventComments = () => tq.state.record('events', 1)?.comments.map((c) => c.value) ?? [];

type Interactions = ReturnType<typeof interactionsFor>['interactions'];
type Message = Awaited<ReturnType<typeof postCaseAlert>>;

/** Clicks `action` and runs the work after the ack; returns the dialog it opened, if any. */
async function click(
  interactions: Interactions,
  message: Message,
  action: Parameters<typeof clickPayload>[1],
  user = ZACH,
) {
  const before = extras.viewsOpened.length;
  const handled = interactions.handle(clickPayload(message, action, user));
  expect(handled.ack).toBeUndefined();
  await handled.after?.();
  return extras.viewsOpened.length > before ? extras.viewsOpened.at(-1) : undefined;
}

/** Submits the dialog with `values` and runs the work after the ack; returns the ack. */
async function submit(
  interactions: Interactions,
  opened: { view: Record<string, SlackJson> },
  values: Record<string, string>,
  user = ZACH,
) {
  const handled = interactions.handle(submitPayload(opened, user, values, `V-${++views}`));
  await handled.after?.();
  return handled.ack;
}

async function setUp(
  allow: Parameters<typeof interactionsFor>[1] = allowZach,
  caseType = 'Incident(6)',
  threatqObject?: string,
) {
  const wired = interactionsFor(fakes, allow);
  const caseId = threatqObject ? EVENT_CASE : caseType.startsWith('Incident') ? 'INC123456' : 'CASE123456';
  const message = await postCaseAlert(wired.slackClient, {
    caseId,
    caseType,
    clientCode: 'ABC',
    ...(threatqObject ? { threatqObject } : {}),
  });
  return { ...wired, message, caseId };
}

describe('each case action from Slack', () => {
  it('Approve takedown: confirm → dialog → acts once, the message says who approved it, the button goes', async () => {
    const { interactions, metrics, audit, message } = await setUp();
    const opened = await click(interactions, message, 'approveCaseTakedown');
    expect(opened?.view.title.text).toBe('Approve Case Takedown');
    const clientCode = opened?.view.blocks.find((b: { block_id?: string }) => b.block_id === 'clientCode');
    expect(clientCode.element.initial_value).toBe('ABC');
    expect(await submit(interactions, opened as never, { remark: 'Confirmed phishing' })).toBeUndefined();

    expect(iz.state.cases.get('INC123456')?.status).toBe('Open');
    const [line] = outcomeOf(message.ts);
    expect(line).toContain('*Takedown approved* by Zach Analyst (<@U0ZACH00001>)');
    expect(line).toContain('Incidents approved for takedown');
    expect(line).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(buttonsOf(message.ts)).toEqual(['Send message', 'Mark reviewed', 'Move case']);
    expect(
      await metrics.value('tqalert_interactions_total', {
        action: 'approveCaseTakedown',
        outcome: 'succeeded',
      }),
    ).toBe(1);
    expect((await audit.listActions())[0]).toMatchObject({
      action: 'approveCaseTakedown',
      status: 'succeeded',
      actor: { via: 'slack', id: ZACH.id, name: 'Zach Analyst', email: 'zach@example.com' },
      input: { clientCode: 'ABC', remark: 'Confirmed phishing' },
    });
  });

  it('Send message: the dialog enforces the guide limits, a missing message comes back inline, then it is sent', async () => {
    const { interactions, message } = await setUp();
    const opened = await click(interactions, message, 'sendCaseMessage');
    const input = (id: string) => opened?.view.blocks.find((b: { block_id?: string }) => b.block_id === id);
    expect(input('subject').element.max_length).toBe(120);
    expect(input('message').element.max_length).toBe(2500);
    expect(input('message').optional).toBe(false);

    const refused = await submit(interactions, opened as never, { subject: 'Status?' });
    expect(refused).toMatchObject({
      response_action: 'errors',
      errors: { message: expect.stringContaining('message') },
    });
    expect(izooActions()).toBe(0);

    const tooLong = await submit(interactions, opened as never, { subject: 'x'.repeat(121), message: 'hi' });
    expect(tooLong).toMatchObject({
      response_action: 'errors',
      errors: { subject: expect.stringContaining('120') },
    });

    expect(
      await submit(interactions, opened as never, { subject: 'Status?', message: 'Please update us.' }),
    ).toBeUndefined();
    expect(izooActions()).toBe(1);
    expect(outcomeOf(message.ts)[0]).toContain('*Message sent* by Zach Analyst');
    expect(buttonsOf(message.ts)).toEqual(['Send message', 'Approve takedown', 'Mark reviewed', 'Move case']);
  });

  it('Mark reviewed: the case is reviewed and the button goes', async () => {
    const { interactions, message } = await setUp();
    const opened = await click(interactions, message, 'markAsReviewed');
    await submit(interactions, opened as never, {});
    expect(iz.state.cases.get('INC123456')?.reviewed).toBe(true);
    expect(outcomeOf(message.ts)[0]).toContain('*Marked as reviewed* by Zach Analyst');
    expect(buttonsOf(message.ts)).toEqual(['Send message', 'Approve takedown', 'Move case']);
  });

  it('Move case: the select offers only the moves the guide allows from the current type; the buttons learn the new type', async () => {
    const { interactions, message } = await setUp(allowZach, 'Brand Abuse Monitoring(2)');
    const opened = await click(interactions, message, 'moveCase');
    const select = opened?.view.blocks.find(
      (b: { block_id?: string }) => b.block_id === 'toCaseType',
    ).element;
    expect(select.options.map((o: { value: string }) => o.value)).toEqual(['8', '10', '6']);
    await submit(interactions, opened as never, { toCaseType: '6', comment: 'Escalating' });
    expect(iz.state.cases.get('CASE123456')?.caseType).toBe(6);
    expect(outcomeOf(message.ts)[0]).toContain('*Moved to Incident(6)* by Zach Analyst');
    const values = messageNow(slack, message.ts)
      .blocks.find((b) => b.block_id === 'izoologic_case_actions')
      ?.elements.map((e: { value: string }) => JSON.parse(e.value).t);
    expect(values).toEqual([6, 6, 6]);
  });

  it('on a ThreatQ event: acts on the case its attribute names and records who did it in a ThreatQ comment', async () => {
    const { interactions, message } = await setUp(allowZach, 'Incident(6)', 'events:1');
    const opened = await click(interactions, message, 'approveCaseTakedown');
    await submit(interactions, opened as never, {});
    expect(iz.state.cases.get(EVENT_CASE)?.status).toBe('Open');
    expect(eventComments().at(-1)).toContain(
      'requested by Zach Analyst (U0ZACH00001) <zach@example.com> via slack',
    );
  });
});

describe('a digest with several cases', () => {
  it('acts on the clicked case and updates only its buttons', async () => {
    const { interactions, slackClient } = interactionsFor(fakes, allowZach);
    const message = await postCaseAlert(
      slackClient,
      { caseId: EVENT_CASE, caseType: 'Incident(6)' },
      { caseId: 'INC123456', caseType: 'Incident(6)', clientCode: 'ABC' },
    );
    const handled = interactions.handle(
      clickPayload(message, 'markAsReviewed', ZACH, undefined, 'INC123456'),
    );
    await handled.after?.();
    await submit(interactions, extras.viewsOpened.at(-1) as never, {});
    expect(iz.state.cases.get('INC123456')?.reviewed).toBe(true);
    expect(iz.state.cases.get(EVENT_CASE)?.reviewed).toBe(false);
    const blocks = messageNow(slack, message.ts).blocks.filter((b) =>
      String(b.block_id).startsWith('izoologic_case_actions'),
    );
    const labels = blocks.map((b) =>
      b.elements.map((e: { text: { text: string } }) => e.text.text).join(','),
    );
    expect(labels).toEqual([
      'Send message,Approve takedown,Mark reviewed,Move case',
      'Send message,Approve takedown,Move case',
    ]);
    expect(outcomeOf(message.ts)[0]).toContain('case INC123456');
  });
});

describe('who may act', () => {
  it('a user not allowed gets an ephemeral "not allowed" naming the action; nothing runs; the attempt is audited', async () => {
    const { interactions, metrics, audit, message } = await setUp();
    expect(await click(interactions, message, 'approveCaseTakedown', USER1)).toBeUndefined();
    expect(extras.ephemerals).toEqual([
      expect.objectContaining({
        user: USER1.id,
        text: expect.stringContaining('not allowed to run *Approve Case Takedown*'),
      }),
    ]);
    expect(extras.ephemerals[0]?.text).toContain('interactions.allow.approveCaseTakedown');
    expect(izooActions()).toBe(0);
    expect(await audit.listActions()).toEqual([
      expect.objectContaining({
        action: 'approveCaseTakedown',
        status: 'failed',
        actor: expect.objectContaining({ id: USER1.id }),
        result: { denied: true },
      }),
    ]);
    expect(
      await metrics.value('tqalert_interactions_total', { action: 'approveCaseTakedown', outcome: 'denied' }),
    ).toBe(1);
  });

  it('allows by email and by user-group handle', async () => {
    extras.groups.push({ handle: 'secops', users: [USER1.id] });
    const { interactions, message } = await setUp({
      markAsReviewed: ['@secops'],
      moveCase: ['zach@example.com'],
    });
    expect(await click(interactions, message, 'markAsReviewed', USER1)).toBeDefined();
    expect(await click(interactions, message, 'moveCase', ZACH)).toBeDefined();
    expect(await click(interactions, message, 'moveCase', USER1)).toBeUndefined();
    expect(extras.ephemerals.map((e) => e.user)).toEqual([USER1.id]);
  });
});

describe('one click, one action', () => {
  it('a double click (two dialogs submitted) acts once; the second clicker is told it was already done', async () => {
    const { interactions, message } = await setUp();
    const first = await click(interactions, message, 'approveCaseTakedown');
    const second = await click(interactions, message, 'approveCaseTakedown');
    await submit(interactions, first as never, {});
    await submit(interactions, second as never, {});
    expect(izooActions()).toBe(1);
    expect(iz.state.cases.get('INC123456')?.history).toHaveLength(1);
    expect(extras.ephemerals.at(-1)?.text).toContain('was already done by Zach Analyst');
    expect(outcomeOf(message.ts)).toHaveLength(1);
  });

  it('a re-delivered envelope (the same payload again) acts once', async () => {
    const { interactions, message } = await setUp();
    const opened = await click(interactions, message, 'markAsReviewed');
    const payload = submitPayload(opened as never, ZACH, {}, 'V-same');
    await interactions.handle(payload).after?.();
    await interactions.handle(structuredClone(payload)).after?.();
    expect(izooActions()).toBe(1);
  });
});

describe('failures', () => {
  it('iZoologic refusing (success: false): ephemeral with the error, recorded in ThreatQ, and the button can be tried again', async () => {
    iz.faults.successFalse(1, 'iZOO3001', 'Client code is suspended', { route: 'ApproveCaseTakedown' });
    const { interactions, metrics, message } = await setUp(allowZach, 'Incident(6)', 'events:1');
    const opened = await click(interactions, message, 'approveCaseTakedown');
    await submit(interactions, opened as never, {});
    expect(extras.ephemerals.at(-1)?.text).toMatch(
      /Approve Case Takedown on case IZ-2026-000101 failed: .*Client code is suspended/,
    );
    expect(eventComments().at(-1)).toContain('FAILED');
    expect(outcomeOf(message.ts)).toEqual([]);
    expect(
      await metrics.value('tqalert_interactions_total', { action: 'approveCaseTakedown', outcome: 'failed' }),
    ).toBe(1);

    const retry = await click(interactions, messageNow(slack, message.ts), 'approveCaseTakedown');
    await submit(interactions, retry as never, {});
    expect(izooActions()).toBe(2);
    expect(iz.state.cases.get(EVENT_CASE)?.status).toBe('Open');
  });

  it('never shows a configured secret in Slack, even when an upstream error quotes it', async () => {
    iz.faults.successFalse(1, 'iZOO1001', 'API key s3cret-api-key is not valid', { route: 'MarkAsReviewed' });
    const redactor = new Redactor();
    redactor.add('s3cret-api-key');
    const wired = interactionsFor(fakes, allowZach, undefined, (text) => redactor.text(text));
    const message = await postCaseAlert(wired.slackClient, { caseId: 'INC123456', caseType: 'Incident(6)' });
    const opened = await click(wired.interactions, message, 'markAsReviewed');
    await submit(wired.interactions, opened as never, {});
    expect(extras.ephemerals.at(-1)?.text).toContain('is not valid');
    expect(JSON.stringify(extras.ephemerals)).not.toContain('s3cret-api-key');
  });

  it('iZoologic refusing a move inside the result (nested Success: false) is a failure told to the clicker', async () => {
    iz.faults.nestedSuccessFalse(1, 'Case is locked');
    const { interactions, message } = await setUp(allowZach, 'Brand Abuse Monitoring(2)');
    const opened = await click(interactions, message, 'moveCase');
    await submit(interactions, opened as never, { toCaseType: '8' });
    expect(extras.ephemerals.at(-1)?.text).toContain('Case is locked');
    expect(iz.state.cases.get('CASE123456')?.caseType).toBe(2);
    expect(outcomeOf(message.ts)).toEqual([]);
  });

  it('Slack down while updating the message: the update is retried, the action is not repeated', async () => {
    const { interactions, message } = await setUp();
    const opened = await click(interactions, message, 'markAsReviewed');
    slack.faults.serverError(2, 503, { method: 'chat.update' });
    await submit(interactions, opened as never, {});
    expect(izooActions()).toBe(1);
    expect(slack.requests.filter((r) => r.apiMethod === 'chat.update')).toHaveLength(3);
    expect(outcomeOf(message.ts)[0]).toContain('Marked as reviewed');
  });

  it('Slack down through every retry: counted; a later click shows the outcome without acting again', async () => {
    const { interactions, metrics, message } = await setUp();
    const opened = await click(interactions, message, 'markAsReviewed');
    slack.faults.serverError(3, 503, { method: 'chat.update' });
    await submit(interactions, opened as never, {});
    expect(outcomeOf(message.ts)).toEqual([]);
    expect(
      await metrics.value('tqalert_interaction_update_failures_total', { action: 'markAsReviewed' }),
    ).toBe(1);

    const again = await click(interactions, message, 'markAsReviewed');
    await submit(interactions, again as never, {});
    expect(izooActions()).toBe(1);
    expect(outcomeOf(message.ts)[0]).toContain('Marked as reviewed');
  });
});
