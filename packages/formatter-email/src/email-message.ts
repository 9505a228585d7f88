/**
 * One email, as {@link EmailFormatter} produces it and the email notifier sends it: a subject that is safe to put
 * in a header, and the same content twice, as HTML and as plain text (sent as `multipart/alternative`).
 */
export interface EmailMessage {
  /** One line, control characters removed, length capped (the full title is always in the body). */
  subject: string;
  /** Plain-text alternative. */
  text: string;
  /** HTML alternative: inline CSS, no scripts, no external resources, under the configured size budget. */
  html: string;
  /** Extra headers (`Auto-Submitted`, `X-TQAlert-*`); names and values are header-safe. */
  headers?: Record<string, string>;
}
