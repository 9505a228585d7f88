/**
 * Keeps secrets out of logs, errors, previews and `--json` output. Two layers: values registered as secrets are
 * replaced wherever they appear in text, and object keys that look secret are masked whatever their value.
 */
// A key is secret when it contains one of these words anywhere (`secretKey`, `IZOOLOGIC_SECRET_KEY`, `hmacKey`,
// `x-api-key`), compared with `-` and `_` removed and in any letter case.
const SECRET_KEY_WORD = /secret|token|password|passwd|apikey|signing|hmac|private/i;
// Matched at the end of a key only, because these words also end harmless ones in the middle (`authorName`).
const SECRET_KEY_END = /(pass|auth|authorization|cookie|credential)s?$/i;
// HTTP auth schemes are case-insensitive (RFC 9110), so `bearer …` is caught as well as `Bearer …`.
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi;
// The password runs to the LAST `@` of the authority, so `user:p@ss@host` loses all of `p@ss`.
const URL_CREDENTIALS = /(\w+:\/\/)([^:/\s@]+):([^/?#\s]*)@/g;

function isSecretKey(key: string): boolean {
  return SECRET_KEY_WORD.test(key.replace(/[-_]/g, '')) || SECRET_KEY_END.test(key);
}

// The spellings a secret takes inside a URL or a form body, where a log line or an error message may quote it:
// percent-encoded (upper- and lower-case hex) and form-encoded (`+` for a space).
function encodedForms(value: string): string[] {
  const forms = [
    encodeURIComponent(value),
    encodeURI(value),
    new URLSearchParams({ v: value }).toString().slice(2),
  ];
  const lowerHex = forms.map((form) => form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  return [...forms, ...lowerHex].filter((form) => form !== value);
}

/** What a scrubbed secret is replaced with. */
export const REDACTED = '[REDACTED]';

/** A set of secret values to scrub from any text or object. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /**
   * Registers values (API keys, passwords, tokens) to scrub, with their URL-encoded and form-encoded spellings.
   * Values shorter than 4 characters are ignored.
   */
  add(...values: Array<string | undefined | null>): this {
    for (const value of values) {
      if (!value || value.length < 4) continue;
      this.secrets.add(value);
      for (const form of encodedForms(value)) this.secrets.add(form);
    }
    return this;
  }

  /**
   * Scrubs registered secrets (also URL-encoded), `Bearer …` / `Basic …` credentials and the password of
   * `user:pass@host` in URLs (even one containing `@`) from text.
   */
  text(input: string): string {
    let out = input;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length))
      out = out.split(secret).join(REDACTED);
    out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`);
    out = out.replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
    return out;
  }

  /**
   * A deep copy of a value with secret-looking keys masked and secret values scrubbed from strings. Errors become
   * plain objects (name, message, own fields, cause); dates become ISO strings; a reference back to an enclosing
   * object becomes `'[Circular]'`.
   */
  value<T>(input: T): T {
    return this.walk(input, new Set()) as T;
  }

  // `ancestors` holds only the objects on the path from the root, so an object referenced twice side by side is
  // copied twice, and only a true cycle is cut.
  private walk(input: unknown, ancestors: Set<object>): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (input instanceof Date) return Number.isNaN(input.getTime()) ? 'Invalid Date' : input.toISOString();
    if (ancestors.has(input)) return '[Circular]';
    ancestors.add(input);
    try {
      if (Array.isArray(input)) return input.map((item) => this.walk(item, ancestors));
      if (input instanceof Error) {
        // `message` and `cause` are not enumerable on errors, so they are copied by name; `stack` is left out
        // because it repeats the message and adds file paths nobody needs in a log line.
        const out: Record<string, unknown> = {
          name: input.name,
          message: this.text(input.message),
          ...this.walkEntries(input, ancestors),
        };
        if (input.cause !== undefined) out.cause = this.walk(input.cause, ancestors);
        return out;
      }
      return this.walkEntries(input, ancestors);
    } finally {
      ancestors.delete(input);
    }
  }

  private walkEntries(input: object, ancestors: Set<object>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] = isSecretKey(key) && holdsSecret(val) ? REDACTED : this.walk(val, ancestors);
    }
    return out;
  }
}

// A missing value stays visible as missing, and a flag (`isPrivate: true`) carries no secret.
function holdsSecret(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '' && typeof value !== 'boolean';
}

/** Scrubs `secrets` and credential patterns from a string or (deeply) from an object. */
export function redact<T>(input: T, secrets: Array<string | undefined | null> = []): T {
  return new Redactor().add(...secrets).value(input);
}
