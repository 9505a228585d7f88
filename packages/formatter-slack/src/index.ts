/**
 * `@tqalert/formatter-slack`: Slack Block Kit messages for TQ Alert, within Slack's limits, with every
 * upstream value escaped and indicators defanged.
 */
import { slackFormatterPlugin } from './plugin.js';

export { type AlertView, displayValue, viewAlert } from './alert-view.js';
export {
  buildCaseActionsBlock,
  CASE_ACTION_NAMES,
  CASE_ACTION_PREFIX,
  CASE_ACTIONS_BLOCK_ID,
  type CaseButtonAction,
  type CaseButtonValue,
  caseActionBlocks,
  caseActionOf,
  caseOfAlert,
  encodeCaseButtonValue,
  isCaseActionsBlockId,
  parseCaseButtonValue,
} from './case-actions-block.js';
export { defangIndicator, defangText } from './defang.js';
export {
  parseFormatterOptions,
  type ResolvedSlackFormatterOptions,
  type SlackFormatterOptions,
  SlackFormatterOptionsSchema,
} from './formatter-options.js';
export { escapeMrkdwn, neutralisePlainText } from './mrkdwn-escape.js';
export { slackFormatterPlugin } from './plugin.js';
export { SlackFormatter } from './slack-formatter.js';
export { SLACK_LIMITS } from './slack-limits.js';
export type {
  ActionsBlock,
  ButtonElement,
  ConfirmDialog,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  MrkdwnTextObject,
  PlainTextObject,
  SectionBlock,
  SlackBlock,
  SlackMessage,
  SlackPayload,
  TextObject,
} from './slack-message.js';
export { countBlockText, type SlackLimitViolation, validateSlackPayload } from './validate-payload.js';
export { visibleText } from './visible-text.js';

export default slackFormatterPlugin;
