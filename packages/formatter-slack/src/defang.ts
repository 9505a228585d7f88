/**
 * Defanging: rewriting indicators so that no client turns them into live links and nobody clicks them by
 * accident (`http://evil.example` → `hxxp://evil[.]example`), the convention threat-intel teams share. The one
 * implementation lives in `@tqalert/core`, so Slack, email and Teams write the same style.
 */
export { defangIndicator, defangText } from '@tqalert/core';
