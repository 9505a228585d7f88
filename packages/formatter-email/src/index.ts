/**
 * `@tqalert/formatter-email`: alerts as email. HTML and plain-text alternatives, every upstream value escaped,
 * indicators defanged, a header-safe subject, and large digests split into complete parts under a size budget.
 */
import { emailFormatterDefinition } from './definition.js';

export { defangIndicator, defangText } from './defang.js';
export { EmailFormatter } from './email-formatter.js';
export type { EmailMessage } from './email-message.js';
export {
  type EmailFormatterOptions,
  EmailFormatterOptionsSchema,
  MIN_HTML_BYTES,
  type ResolvedEmailFormatterOptions,
} from './formatter-options.js';
export { type CappedText, capHeaderText, headerSafe } from './header-text.js';
export { escapeHtml } from './html-escape.js';
export { emailFormatterDefinition };

/** The plugin definition: `formatters: [{ use: '@tqalert/formatter-email', options: { … } }]`. */
export default emailFormatterDefinition;
