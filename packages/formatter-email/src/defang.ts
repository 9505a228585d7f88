/**
 * Defanging turns an indicator into text no mail client links or resolves (`https://evil.example/x` →
 * `hxxps[://]evil[.]example/x`), so that reading an alert can never mean visiting the threat.
 */

/** Defangs one indicator value: the scheme, `://`, every dot and every `@`. Parts already defanged stay as they are. */
export function defangIndicator(value: string): string {
  return value
    .replace(/\bhttp(s?):\/\//gi, (_match, secure: string) => `hxxp${secure}[://]`)
    .replace(/\bftp(s?):\/\//gi, (_match, secure: string) => `fxp${secure}[://]`)
    .replace(/(?<!\[)\.(?!\])/g, '[.]')
    .replace(/(?<!\[)@(?!\])/g, '[@]');
}

const URL_IN_TEXT = /\b(?:https?|ftps?):\/\/[^\s<>"']+/gi;

/**
 * Defangs free text from upstream (titles, summaries, field values): every occurrence of the alert's own
 * indicator, and every URL. Other words stay as they are, so `v1.2` or a sentence's full stop remain readable.
 */
export function defangText(text: string, indicator: string | undefined): string {
  let out = text;
  if (indicator && indicator.length >= 3) out = out.split(indicator).join(defangIndicator(indicator));
  return out.replace(URL_IN_TEXT, (url) => defangIndicator(url));
}
