/**
 * The OAuth requests to `POST /api/token` (reference 1): the password grant (query `grant_type` and
 * `client_id`, JSON `{email, password}`, as the SDK sends it), the client-credentials grant (HTTP Basic), and
 * `refresh_token`. Bad credentials come back as 400; the error names the grant and the fields to check.
 */
import { type Redactor, UpstreamHttpError } from '@tqalert/core';
import type { ClientCredentialsAuth, PasswordAuth } from './options.js';
import { validate } from './parse-response.js';
import { tokenResponseSchema } from './schemas.js';
import type { SendRequest, Transport } from './transport.js';

/** A token set as the client keeps it. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string | undefined;
  /** Lifetime in seconds (ThreatQ's `expires_in`, or 30 minutes when it sends none, as the SDK assumes). */
  expiresIn: number;
}

const DEFAULT_LIFETIME_SECONDS = 30 * 60;

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export class TokenGrants {
  constructor(
    private readonly transport: Transport,
    private readonly auth: PasswordAuth | ClientCredentialsAuth,
    private readonly redactor: Redactor,
  ) {}

  /** Which fields a person should check when a grant is refused. */
  private advice(): string {
    return this.auth.type === 'password'
      ? 'Check auth.email, auth.password and auth.clientId (the client id is under Settings » OAuth Management, or ClientId in /assets/js/config.js).'
      : 'Check auth.clientId and auth.clientSecret of the private OAuth client (created with artisan threatq:oauth2-client --type private).';
  }

  /** A full login with the configured grant. */
  login(): Promise<TokenSet> {
    if (this.auth.type === 'password') {
      return this.request(
        {
          method: 'POST',
          path: 'token',
          searchParams: { grant_type: 'password', client_id: this.auth.clientId },
          json: { email: this.auth.email, password: this.auth.password },
          read: true,
        },
        'password grant',
      );
    }
    return this.request(
      {
        method: 'POST',
        path: 'token',
        searchParams: { grant_type: 'client_credentials' },
        form: { grant_type: 'client_credentials' },
        headers: { authorization: basic(this.auth.clientId, this.auth.clientSecret) },
        read: true,
      },
      'client_credentials grant',
    );
  }

  /** Trades a refresh token for a new token set (reference 1e). The tokens go in the body, not the URL. */
  refresh(refreshToken: string, accessToken: string): Promise<TokenSet> {
    const headers: Record<string, string> =
      this.auth.type === 'client_credentials'
        ? { authorization: basic(this.auth.clientId, this.auth.clientSecret) }
        : { authorization: `Bearer ${accessToken}` };
    return this.request(
      {
        method: 'POST',
        path: 'token',
        form: { grant_type: 'refresh_token', refresh_token: refreshToken },
        headers,
        read: true,
      },
      'refresh_token grant',
    );
  }

  private async request(req: SendRequest, grant: string): Promise<TokenSet> {
    let body: unknown;
    try {
      ({ body } = await this.transport.send(req));
    } catch (error) {
      if (UpstreamHttpError.isInstance(error) && (error.status === 400 || error.status === 401)) {
        const detail = error.detail ? ` (${error.status} ${error.detail})` : ` (${error.status})`;
        throw new UpstreamHttpError({
          upstream: 'threatq',
          status: error.status,
          request: error.request,
          message: `ThreatQ refused the ${grant}${detail}. ${grant.startsWith('refresh') ? 'The refresh token is no longer valid.' : this.advice()}`,
          detail: error.detail,
          code: 'THREATQ_AUTH_FAILED',
          cause: error,
        });
      }
      throw error;
    }
    // A 200 without access_token is a failure too (reference 1f).
    const parsed = validate(tokenResponseSchema, body, 'POST /api/token', '');
    this.redactor.add(parsed.access_token, parsed.refresh_token);
    const expiresIn =
      parsed.expires_in !== undefined && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_LIFETIME_SECONDS;
    return { accessToken: parsed.access_token, refreshToken: parsed.refresh_token, expiresIn };
  }
}
