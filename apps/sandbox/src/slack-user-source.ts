// The inbox's Slack user, played on the Slack fake: clicks and submissions go through the fake's `interactions`
// (so the app gets exactly Slack's payloads over Socket Mode), and their outcomes are put the way Slack puts them to
// the person (an app that does not answer, inline errors in the modal).
import type { SlackFake } from '@tqalert/fixtures';
import type { InboxActionResult, InboxSlackUser, InboxSlackUsers } from './inbox/slack-user.js';

/** The default sandbox user: `zach`, the guide's analyst. */
export const SANDBOX_SLACK_USER = 'U0ZACH00001';

/** The inbox's {@link InboxSlackUser} for `userId` on `fake`. Throws when the workspace has no such active user. */
export function slackUserSource(fake: SlackFake, userId: string = SANDBOX_SLACK_USER): InboxSlackUser {
  const user = fake.state.findUser(userId);
  if (!user || user.deleted) {
    const known = fake.state.users.filter((u) => !u.deleted).map((u) => `${u.id} (${u.name})`);
    throw new RangeError(
      `startSandbox: slackUser "${userId}" is not an active user of the Slack stand-in; use one of ${known.join(', ')}`,
    );
  }
  const ownView = (viewId: string) => {
    const view = fake.state.views.find((candidate) => candidate.id === viewId);
    if (!view || view.user !== userId) throw new TypeError(`no modal ${viewId} is open for @${user.name}`);
  };
  return {
    id: user.id,
    name: user.name,
    openView: () => fake.state.openViewOf(userId),
    ephemerals: () => fake.state.ephemeralsFor(userId),
    async click(click): Promise<InboxActionResult> {
      const { delivery } = await fake.interactions.click({ ...click, user: userId });
      return delivery.acked
        ? { ok: true }
        : { ok: false, message: `tqalert did not respond: ${delivery.reason}` };
    },
    async submit(viewId, values): Promise<InboxActionResult> {
      ownView(viewId);
      const result = await fake.interactions.submit({ viewId, values });
      switch (result.outcome) {
        case 'invalid':
        case 'errors':
          return { ok: false, errors: result.errors ?? {} };
        case 'not_acknowledged':
          return {
            ok: false,
            message: `We had some trouble connecting. Try again? (tqalert did not respond: ${result.delivery.acked ? '' : result.delivery.reason})`,
          };
        case 'invalid_response':
          return {
            ok: false,
            message: 'tqalert answered with a modal Slack would refuse (see the worker log)',
          };
        default:
          return { ok: true };
      }
    },
    cancel(viewId) {
      ownView(viewId);
      fake.interactions.cancel(viewId);
      return { ok: true };
    },
  };
}

/** Every active (non-bot) user of the Slack stand-in, for the inbox's "acting as" picker. */
export function slackUsersSource(fake: SlackFake): InboxSlackUsers {
  const made = new Map<string, InboxSlackUser>();
  const active = () => fake.state.users.filter((user) => !user.deleted && !user.isBot);
  return {
    list: () => active().map((user) => ({ id: user.id, name: user.name })),
    as(id) {
      if (!active().some((user) => user.id === id)) return undefined;
      let user = made.get(id);
      if (!user) {
        user = slackUserSource(fake, id);
        made.set(id, user);
      }
      return user;
    },
  };
}
