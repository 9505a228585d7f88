/**
 * The ThreatQ Service Alerts Library guide's "Slack Notifier Example", written in TypeScript as the guide reads
 * (camelCase names), run against the ThreatQ fake and the Slack fake through MSW. Everything between the two
 * fakes is the real thing: the ThreatQ client, the watchlist service, the Slack formatter and notifier (with a
 * real `WebClient` from `@slack/web-api`), and core's ServiceWorker (the guide's TQServiceWorker).
 */
import { WebClient } from '@slack/web-api';
import { NotificationTypes, ServiceWorker, TQServiceWorker } from '@tqalert/core';
import { createSlackFake, createThreatQFake, type ThreatQStoredObject } from '@tqalert/fixtures';
import { defangIndicator, SlackFormatter, visibleText } from '@tqalert/formatter-slack';
import { SlackNotifier } from '@tqalert/notifier-slack';
import { WatchlistService } from '@tqalert/service-watchlist';
import { ThreatQClient } from '@tqalert/threatq-client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Two watched indicators; no data collections, so the scripted activity touches only what is watched.
const tq = createThreatQFake({
  objectCount: 20,
  watched: ['indicators:4', 'indicators:5'],
  dataCollections: {},
});
// The default workspace has the guide's channels (general, tq-alerts) and users (zach, user1, user2).
const slackFake = createSlackFake({ baseUrl: 'https://slack.test/api/' });
const server = setupServer(...tq.handlers, ...slackFake.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => {
  tq.reset();
  slackFake.reset();
});
afterAll(() => server.close());

const record = (id: number) => structuredClone(tq.state.record('indicators', id) as ThreatQStoredObject);
const scoreOf = (o: ThreatQStoredObject) => o.manualScore ?? o.generatedScore;

/** The guide's example, line for line. */
function guideExample() {
  // Load the ThreatQ API (the guide's `connector`) and the Slack API
  const { email, password, clientId } = tq.credentials;
  const threatq = new ThreatQClient({
    baseUrl: tq.baseUrl,
    auth: { type: 'password', email, password, clientId },
  });
  const slack = new WebClient(slackFake.token, { slackApiUrl: slackFake.baseUrl });
  const config = { fields: ['score', 'status', 'sources', 'tags', 'comments'] as const };

  // Create the service worker
  const worker = new ServiceWorker();
  // Instantiate the watchlist service
  const service = new WatchlistService(threatq, { ...config, fields: [...config.fields] });
  // Instantiate the slack notifier
  const channelNames = ['general', 'tq-alerts'];
  const userNames = ['zach', 'user1', 'user2'];
  const notifier = new SlackNotifier(threatq, slack, { channelNames, userNames });
  const formatter = new SlackFormatter(threatq, slack, NotificationTypes.WATCHLIST);
  // Link the formatter to the notifier and the notifier to the service
  notifier.setFormatter(formatter);
  service.addNotifier(notifier);
  // Add the service to the worker
  worker.addService(service);
  return { worker, service };
}

/** The report of one run of the watchlist service, with nothing rejected or failed. */
const cleanRun = (counts: { fetched: number; sent: number }, notes?: string[]) =>
  expect.objectContaining({
    service: 'watchlist',
    ok: true,
    ...counts,
    rejected: [],
    failed: [],
    ...(notes === undefined ? {} : { notes }),
  });

const DESTINATIONS = {
  general: 'C0GENERAL01',
  'tq-alerts': 'C0TQALERTS1',
  zach: 'D0ZACH00001',
  user1: 'D0USER00001',
  user2: 'D0USER00002',
};

describe('the guide’s Slack example', () => {
  it('runs as written: a baseline first, then the changes in every channel and DM', async () => {
    const { worker } = guideExample();

    // Start the worker and it will run all the services
    const first = await worker.start();
    expect(first).toEqual([
      cleanRun({ fetched: 0, sent: 0 }, [
        'Watchlist service "watchlist": first run, took a baseline of 2 watched object(s); changes from now on are alerted (set alertOnFirstSight: true to alert on first sight).',
      ]),
    ]);
    expect(slackFake.state.messages).toEqual([]);

    // Between two runs, ThreatQ changes: indicator 4's score moves (the fake's scripted activity), and an
    // analyst tags indicator 5.
    const before = record(4);
    const step = tq.activity.step();
    expect(step.watched).toMatchObject({ collection: 'indicators', id: 4, change: 'score' });
    const after = record(4);
    tq.state.update('indicators', 5, (o) => {
      o.tags = [...o.tags.filter((t) => t.name !== 'brand-abuse'), { id: 34, name: 'brand-abuse' }];
    });

    const second = await worker.start();
    expect(second).toEqual([cleanRun({ fetched: 2, sent: 2 })]);

    // One message (a digest of the two alerts) in each channel and in each user's DM, nowhere else.
    expect(new Set(slackFake.state.messages.map((m) => m.channel))).toEqual(
      new Set(Object.values(DESTINATIONS)),
    );
    for (const [name, id] of Object.entries(DESTINATIONS)) {
      const [message, ...more] = slackFake.state.messagesIn(id);
      expect(more, `more than one message in ${name}`).toEqual([]);
      expect(message?.text).toBe('2 alerts · Watchlist change');
      expect(message?.unfurl_links).toBe(false);
      const shown = visibleText(message?.blocks as never);
      // The score change, with both values, and the tag on the other object.
      const rose = scoreOf(after) > scoreOf(before) ? 'rose' : 'fell';
      expect(shown).toContain(
        `Score of ${defangIndicator(before.value)} ${rose} from ${scoreOf(before)} to ${scoreOf(after)}`,
      );
      expect(shown).toContain(`${scoreOf(before)} → ${scoreOf(after)}`);
      expect(shown).toContain(`Tag brand-abuse added to ${defangIndicator(record(5).value)}`);
      expect(shown).toContain('https://threatq.test/indicators/4/details');
    }
    // DMs went to the guide's users, by the ids Slack gave their handles.
    const opened = slackFake.requests
      .filter((r) => r.apiMethod === 'conversations.open')
      .map((r) => r.params.users);
    expect(opened.sort()).toEqual(['U0USER00001', 'U0USER00002', 'U0ZACH00001']);

    // Nothing changed since: a third run sends nothing.
    const third = await worker.start();
    expect(third).toEqual([cleanRun({ fetched: 0, sent: 0 })]);
    expect(slackFake.state.messages).toHaveLength(5);
  });

  it('keeps the alerts for the next run when Slack fails, and delivers them then', async () => {
    const { worker } = guideExample();
    await worker.start();
    tq.activity.step();
    slackFake.faults.serverError(50, 503, { method: 'chat.postMessage' });
    const failed = await worker.start();
    expect(failed[0]).toMatchObject({ ok: false, fetched: 1, sent: 0 });
    expect(failed[0]?.failed[0]).toMatchObject({ stage: 'send', notifier: 'slack' });
    expect(slackFake.state.messages).toEqual([]);

    slackFake.faults.reset();
    const retried = await worker.start();
    expect(retried).toEqual([cleanRun({ fetched: 1, sent: 1 })]);
    expect(slackFake.state.messagesIn('tq-alerts')).toHaveLength(1);
  });

  it('names the guide’s TQServiceWorker as core’s ServiceWorker', () => {
    expect(new TQServiceWorker()).toBeInstanceOf(ServiceWorker);
  });
});
