/**
 * Defanging turns an indicator into text no mail client links or resolves (`https://evil.example/x` →
 * `hxxps://evil[.]example/x`), so that reading an alert can never mean visiting the threat. The one
 * implementation lives in `@tqalert/core`, so email, Slack and Teams write the same style.
 */
export { defangIndicator, defangText } from '@tqalert/core';
