/**
 * One clear hint instead of dozens of YAML errors: inside `{ … }` or `[ … ]`, YAML reads `${` as the start of
 * a mapping, so an unquoted `${SLACK_TOKEN}` there breaks the whole document (one mistake gave 46 errors).
 */
import type { ConfigIssue } from '@tqalert/core';

/** An unquoted `${…}` after `{`, `[` or `,` on the same line, outside quotes: what breaks a flow collection. */
const UNQUOTED_IN_FLOW = /[{[,][^"'#]*?(?<![\w"'])\$\{([^}]*)\}/;

/**
 * Issues naming each line where an unquoted `${…}` sits inside a flow collection, with the fix; empty when no
 * line does (then the YAML errors themselves are reported).
 */
export function unquotedReferenceHints(text: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (/^\s*#/.test(line)) continue;
    const match = UNQUOTED_IN_FLOW.exec(line);
    if (!match) continue;
    const reference = `\${${match[1]}}`;
    issues.push({
      path: `(line ${index + 1})`,
      message: `YAML cannot read an unquoted ${reference} inside { … } or [ … ] (it reads "{" as a mapping): quote it, as "${reference}", or write the mapping on several lines`,
    });
  }
  return issues;
}
