/**
 * `@tqalert/sandbox`: ThreatQ, iZoologic and Slack stand-ins on loopback, an SMTP sink, scripted ThreatQ activity
 * and an inbox web page that shows the Slack messages and emails that arrived.
 */
export { type ActivityTimer, startActivityTimer } from './activity-timer.js';
export type { InboxLink } from './inbox/inbox-page.js';
export { type InboxOptions, type InboxServer, startInbox } from './inbox/inbox-server.js';
export { buildSnapshot, type InboxSnapshot, type InboxSources } from './inbox/inbox-snapshot.js';
export { renderBlock, renderBlocks, renderTextObject } from './inbox/render-blocks.js';
export { type InboxEmail, renderEmail } from './inbox/render-email.js';
export type {
  InboxIZoologicAction,
  InboxIZoologicCase,
  InboxIZoologicRequest,
  InboxIZoologicSource,
} from './inbox/render-izoologic.js';
export { type NameLookup, renderMrkdwn, renderPlainText } from './inbox/render-mrkdwn.js';
export { groupSlackMessages, type InboxSlackMessage, renderSlackThread } from './inbox/render-slack.js';
export { type Sandbox, type SandboxOptions, type SandboxPorts, startSandbox } from './sandbox.js';
