/**
 * Keeps secrets out of logs, errors, previews and `--json` output. Two layers: values registered as secrets are
 * replaced wherever they appear in text, and object keys that look secret are masked whatever their value.
 */
const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|auth|cookie|credential|private[-_]?key|client[-_]?secret)$/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g;
const URL_CREDENTIALS = /(\w+:\/\/)([^:/\s@]+):([^@/\s]+)@/g;

export const REDACTED = '[REDACTED]';

/** A set of secret values to scrub from any text or object. */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers values (API keys, passwords, tokens) to scrub. Values shorter than 4 characters are ignored. */
  add(...values: Array<string | undefined | null>): this {
    for (const value of values) if (value && value.length >= 4) this.secrets.add(value);
    return this;
  }

  /** Scrubs registered secrets, `Bearer …` / `Basic …` credentials and `user:pass@` in URLs from text. */
  text(input: string): string {
    let out = input;
    // Longest first, so a secret containing another is replaced whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    out = out.replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`);
    out = out.replace(URL_CREDENTIALS, (_m, scheme: string, user: string) => `${scheme}${user}:${REDACTED}@`);
    return out;
  }

  /** A deep copy of a value with secret-looking keys masked and secret values scrubbed from strings. */
  value<T>(input: T): T {
    return this.walk(input, new WeakSet()) as T;
  }

  private walk(input: unknown, seen: WeakSet<object>): unknown {
    if (typeof input === 'string') return this.text(input);
    if (input === null || typeof input !== 'object') return input;
    if (seen.has(input)) return '[Circular]';
    seen.add(input);
    if (input instanceof Error) {
      return { name: input.name, message: this.text(input.message), ...this.walkEntries(input, seen) };
    }
    if (Array.isArray(input)) return input.map((item) => this.walk(item, seen));
    return this.walkEntries(input, seen);
  }

  private walkEntries(input: object, seen: WeakSet<object>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, val] of Object.entries(input)) {
      out[key] = SECRET_KEY.test(key) && val !== undefined && val !== null && val !== '' ? REDACTED : this.walk(val, seen);
    }
    return out;
  }
}

/** Scrubs `secrets` and credential patterns from a string or (deeply) from an object. */
export function redact<T>(input: T, secrets: Array<string | undefined | null> = []): T {
  return new Redactor().add(...secrets).value(input);
}
