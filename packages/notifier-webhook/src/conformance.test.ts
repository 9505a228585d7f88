import { NotificationTypes } from '@tqalert/core';
import { testFormatter, testNotifier } from '@tqalert/testkit';
import { startRecordingServer } from './__tests__/recording-server.js';
import { WebhookFormatter } from './webhook-formatter.js';
import { WebhookNotifier } from './webhook-notifier.js';
import type { TeamsMessageBody, WebhookJsonBody, WebhookPayload } from './webhook-payload.js';

const TYPES = [NotificationTypes.WATCHLIST, NotificationTypes.DATA_COLLECTION, NotificationTypes.FREE_FORM];
const SIGNING_SECRET = 'conformance-signing-secret-0123';
const AUTH = 'Bearer conformance-token-4567';
const URL_SIG = 'conformance-url-sig-89ab';

/** What a person reads in a generic JSON body: its `text` (the `alerts` array is data for machines). */
function jsonText(payload: WebhookPayload): string {
  return payload.bodies.map((b) => (b as WebhookJsonBody).text).join('\n');
}

/** Every string a Teams client shows from the cards: text blocks, fact titles and values, button titles. */
function cardText(payload: WebhookPayload): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value'])
        if (typeof record[key] === 'string') out.push(record[key]);
      for (const [key, value] of Object.entries(record)) if (key !== 'url') walk(value);
    }
  };
  walk(payload.bodies.map((b) => (b as TeamsMessageBody).attachments.map((a) => a.content.body)));
  return out.join('\n');
}

testFormatter('WebhookFormatter (json)', () => new WebhookFormatter(NotificationTypes.WATCHLIST), {
  types: TYPES,
  textOf: jsonText,
});

testFormatter(
  'WebhookFormatter (teams)',
  () => new WebhookFormatter(NotificationTypes.WATCHLIST, { style: 'teams' }),
  {
    types: TYPES,
    textOf: cardText,
  },
);

testNotifier('WebhookNotifier', async () => {
  const server = await startRecordingServer();
  const refusing = await startRecordingServer(Array.from({ length: 10 }, () => ({ status: 500 })));
  const make = (base: string) =>
    new WebhookNotifier({
      name: 'webhook-conformance',
      urls: { soc: `${base}/soc?sig=${URL_SIG}`, noc: `${base}/noc?sig=${URL_SIG}` },
      headers: { Authorization: AUTH },
      secretHeader: { secret: SIGNING_SECRET },
      timeoutMs: 2000,
    });
  return {
    notifier: make(server.url),
    formatter: new WebhookFormatter(NotificationTypes.WATCHLIST),
    inspect: () =>
      server.requests.map((r) => ({
        destination: r.path.slice(1, r.path.indexOf('?')),
        text: (JSON.parse(r.body) as WebhookJsonBody).text,
      })),
    failing: () => make(refusing.url),
    secrets: [SIGNING_SECRET, AUTH, URL_SIG],
    dispose: async () => {
      await server.close();
      await refusing.close();
    },
  };
});
