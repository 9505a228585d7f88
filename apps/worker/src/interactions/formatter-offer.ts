/**
 * The Slack formatter shows case buttons only for actions someone may run: the worker fills its `caseActions`
 * option from `interactions.allow`, unless the config sets the option itself.
 */
import type { CaseButtonAction } from '@tqalert/formatter-slack';

const SLACK_FORMATTER = '@tqalert/formatter-slack';

/** The formatter options with `caseActions` filled in for the worker's own Slack formatter. */
export function withOfferedActions(
  pluginName: string,
  rawOptions: unknown,
  offered: readonly CaseButtonAction[],
): unknown {
  if (pluginName !== SLACK_FORMATTER || offered.length === 0) return rawOptions;
  const options = (rawOptions ?? {}) as Record<string, unknown>;
  return 'caseActions' in options ? options : { ...options, caseActions: [...offered] };
}
