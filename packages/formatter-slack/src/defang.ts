/**
 * Defanging: rewriting indicators so that no client turns them into live links and nobody clicks them by
 * accident (`http://evil.example` → `hxxp://evil[.]example`), the convention threat-intel teams share.
 */

const URL_IN_TEXT = /\b(?:https?|ftp|sftp):\/\/[^\s<>"'`|]+/gi;

/** Defangs one indicator value: scheme `http(s)`/`ftp` → `hxxp(s)`/`fxp`, every `.` → `[.]`. Idempotent. */
export function defangIndicator(value: string): string {
  return value
    .replace(/\bhttp(s?)(?=:\/\/)/gi, (_m, s: string) => `hxxp${s.toLowerCase()}`)
    .replace(/\b(s?)ftp(?=:\/\/)/gi, (_m, s: string) => `${s.toLowerCase()}fxp`)
    .replace(/(?<!\[)\.(?!\])/g, '[.]');
}

/**
 * Defangs what in free text is an indicator: every URL, and every occurrence of the alert's own indicator
 * values (so a title repeating the IOC does not undo its defanging). Other text is left alone.
 */
export function defangText(text: string, indicators: readonly string[] = []): string {
  let out = text;
  for (const indicator of indicators) {
    // Short values ("1.2") would defang ordinary words and numbers; real indicators are longer.
    if (indicator.length >= 4 && /[.:]/.test(indicator))
      out = out.split(indicator).join(defangIndicator(indicator));
  }
  return out.replace(URL_IN_TEXT, (url) => defangIndicator(url));
}
