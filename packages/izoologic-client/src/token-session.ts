/**
 * The bearer token: exchanged once and shared by concurrent calls; on HTTP 401 exchanged again once and the
 * call repeated once (iZoologic publishes no lifetime, so a 401 is how expiry shows).
 */
import type { Logger, Redactor } from '@tqalert/core';
import { z } from 'zod';
import type { CallSpec } from './call-spec.js';
import { IZoologicError } from './errors.js';
import type { Exchange } from './http-exchange.js';

const TokenResultSchema = z.object({ accessToken: z.string().min(1) });
const AUTHENTICATE_PATH = '/api/Token/Authenticate';
const KEYS_HINT = 'Check apiKey and secretKey (iZoologic: Account > Profile > API Key).';

/** What an unexpected token result looked like, without quoting values (one of them could be a token). */
function describeShape(result: unknown): string {
  if (typeof result !== 'object' || result === null)
    return `result was ${result === null ? 'null' : typeof result}`;
  return `result had the keys: ${Object.keys(result).join(', ') || 'none'}`;
}

function isUnauthorized(error: unknown): boolean {
  return IZoologicError.isInstance(error) && error.code === 'IZOOLOGIC_UNAUTHORIZED';
}

/** Calls iZoologic with a valid token, exchanging keys when needed. */
export class TokenSession {
  readonly #exchange: Exchange;
  readonly #keys: { apikey: string; secretkey: string };
  readonly #redactor: Redactor;
  readonly #logger: Logger;
  #pending: Promise<string> | undefined;
  #current: string | undefined;

  constructor(
    exchange: Exchange,
    keys: { apiKey: string; secretKey: string },
    redactor: Redactor,
    logger: Logger,
  ) {
    this.#exchange = exchange;
    this.#keys = { apikey: keys.apiKey, secretkey: keys.secretKey };
    this.#redactor = redactor;
    this.#logger = logger;
  }

  /** Sends `spec` with a bearer token; after a 401, once more with a fresh token. */
  async call(spec: CallSpec) {
    const token = await this.#token();
    try {
      return await this.#exchange(spec, token);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      this.#forget(token);
      this.#logger.info(
        'iZoologic rejected the token (HTTP 401); exchanging the keys again and retrying once',
        {
          request: `POST ${spec.path}`,
        },
      );
      return this.#exchange(spec, await this.#token());
    }
  }

  #token(): Promise<string> {
    if (this.#pending === undefined) {
      this.#current = undefined;
      const pending = this.#authenticate().then(
        (token) => {
          this.#current = token;
          return token;
        },
        (error: unknown) => {
          // A failed exchange is not cached: the next call tries again.
          if (this.#pending === pending) this.#pending = undefined;
          throw error;
        },
      );
      this.#pending = pending;
    }
    return this.#pending;
  }

  /** Drops `stale`, unless a newer token has already replaced it. */
  #forget(stale: string): void {
    if (this.#current === stale) this.#pending = undefined;
  }

  async #authenticate(): Promise<string> {
    const spec: CallSpec = {
      action: 'authenticate',
      path: AUTHENTICATE_PATH,
      json: this.#keys,
      kind: 'read',
    };
    let result: unknown;
    try {
      result = (await this.#exchange(spec, undefined)).result;
    } catch (error) {
      if (
        !IZoologicError.isInstance(error) ||
        !(error.code === 'IZOOLOGIC_REJECTED' || isUnauthorized(error))
      )
        throw error;
      const said = error.errorCode
        ? `${error.errorCode}: ${error.detail ?? ''}`.trim()
        : (error.detail ?? `HTTP ${error.status}`);
      throw new IZoologicError({
        code: 'IZOOLOGIC_AUTH_FAILED',
        status: error.status,
        request: error.request,
        errorCode: error.errorCode,
        detail: error.detail,
        message: this.#redactor.text(
          `iZoologic did not accept the API key and secret key (${said}). ${KEYS_HINT}`,
        ),
      });
    }
    const parsed = TokenResultSchema.safeParse(result);
    if (!parsed.success) {
      throw new IZoologicError({
        code: 'IZOOLOGIC_AUTH_FAILED',
        status: 200,
        request: `POST ${AUTHENTICATE_PATH}`,
        message: this.#redactor.text(
          `iZoologic answered the key exchange with success but no result.accessToken (${describeShape(result)}). ${KEYS_HINT}`,
        ),
      });
    }
    // From now on the token is scrubbed from any message or log line like the keys are.
    this.#redactor.add(parsed.data.accessToken);
    return parsed.data.accessToken;
  }
}
