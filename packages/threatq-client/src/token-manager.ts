/**
 * Keeps one access token: reuses it until `margin` before expiry, renews it by refresh token (falling back to a
 * full login), and makes concurrent callers share one renewal instead of each logging in.
 */
import type { Logger } from '@tqalert/core';
import type { TokenGrants, TokenSet } from './token-grants.js';

interface Held {
  accessToken: string;
  refreshToken?: string | undefined;
  /** Epoch ms after which the token is renewed before use. */
  renewAt: number;
}

export class TokenManager {
  private held: Held | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly grants: TokenGrants,
    private readonly marginMs: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** A usable access token, renewing it when due. Concurrent calls share one renewal. */
  get(): Promise<string> {
    if (this.held !== undefined && this.now() < this.held.renewAt)
      return Promise.resolve(this.held.accessToken);
    this.pending ??= this.renew().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Marks `accessToken` as refused (401), so the next `get()` renews it. */
  invalidate(accessToken: string): void {
    if (this.held?.accessToken === accessToken) this.held.renewAt = 0;
  }

  private keep(set: TokenSet): string {
    // Never let the margin eat more than half a short-lived token's life.
    const margin = Math.min(this.marginMs, (set.expiresIn * 1000) / 2);
    this.held = {
      accessToken: set.accessToken,
      refreshToken: set.refreshToken,
      renewAt: this.now() + set.expiresIn * 1000 - margin,
    };
    return set.accessToken;
  }

  private async renew(): Promise<string> {
    const previous = this.held;
    if (previous?.refreshToken !== undefined) {
      try {
        return this.keep(await this.grants.refresh(previous.refreshToken, previous.accessToken));
      } catch (error) {
        this.logger.info('ThreatQ token refresh failed; logging in again', {
          upstream: 'threatq',
          reason: (error as Error).message,
        });
      }
    }
    this.held = undefined;
    return this.keep(await this.grants.login());
  }
}
