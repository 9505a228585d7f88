const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and double- or single-quoted attribute values. Every value that comes
 * from ThreatQ or a service goes through here: an indicator can be `<script>` or `"><img onerror=…>`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The most bytes one UTF-16 code unit can grow to once escaped and UTF-8 encoded (`"` → `&quot;`). */
export const MAX_ESCAPED_BYTES_PER_CHAR = 6;
