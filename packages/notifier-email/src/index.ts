/**
 * `@tqalert/notifier-email`: alert emails and free-form emails over SMTP with nodemailer, pooled and rate-capped,
 * TLS verified by default, every failure a `DeliveryError` that says whether a retry can help.
 */
import { emailNotifierDefinition } from './definition.js';

export { type MailAddress, parseMailAddress } from './email-address.js';
export { EmailNotifier, type EmailNotifierSettings } from './email-notifier.js';
export type { FreeFormAttachment, FreeFormEmail, FreeFormResult } from './free-form.js';
export {
  type EmailNotifierOptions,
  EmailNotifierOptionsSchema,
  type EmailSenderOptions,
  EmailSenderOptionsSchema,
  type ResolvedEmailNotifierOptions,
  type ResolvedEmailSenderOptions,
} from './notifier-options.js';
export { sendEmail } from './send-email.js';
export { emailNotifierDefinition };

/** The plugin definition: `notifiers: [{ id: soc-mail, use: email, options: { host, from, to, … } }]`. */
export default emailNotifierDefinition;
