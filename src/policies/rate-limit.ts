/**
 * Per-user rate limiting shared by every adapter: at most `limit` questions in any `windowMs`.
 * With a `shared` port (the store's SharedState) the count lives there, so every replica sharing a
 * PostgreSQL database counts the same questions; without one it stays in this process. Memory is
 * bounded: a user's timestamps expire with the window, and past `maxUsers` tracked users the least
 * recently seen are forgotten first.
 */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  maxUsers?: number;
  now?: () => number;
  /** Where the count lives when several processes must agree (the store); in this process when unset. */
  shared?: SharedRateLimit | undefined;
  /** The shared store failed: this process counts on its own until it answers again (told here, to log). */
  onSharedError?: ((error: unknown) => void) | undefined;
}

export interface RateDecision {
  allowed: boolean;
  /** When not allowed: how long until the next question is accepted. */
  retryAfterMs: number;
}

/** The part of the store's SharedState the rate limit needs. */
export interface SharedRateLimit {
  takeRateLimit(userKey: string, limit: number, windowMs: number, now: number): Promise<RateDecision>;
}

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly maxUsers: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxUsers = options.maxUsers ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Number of users currently tracked in this process (for tests and metrics). */
  get size(): number {
    return this.hits.size;
  }

  /** Counts one question for `user` when allowed; a limit of 0 turns limiting off. */
  async take(user: string): Promise<RateDecision> {
    const { limit, windowMs, shared } = this.options;
    if (limit <= 0) return { allowed: true, retryAfterMs: 0 };
    if (shared) {
      try {
        return await shared.takeRateLimit(user, limit, windowMs, this.now());
      } catch (error) {
        this.options.onSharedError?.(error);
      }
    }
    return this.takeHere(user);
  }

  private takeHere(user: string): RateDecision {
    const { limit, windowMs } = this.options;
    const now = this.now();
    const recent = (this.hits.get(user) ?? []).filter((time) => now - time < windowMs);
    // Re-insert so Map order is least recently seen first.
    this.hits.delete(user);
    if (recent.length >= limit) {
      this.hits.set(user, recent);
      return { allowed: false, retryAfterMs: windowMs - (now - recent[0]!) };
    }
    recent.push(now);
    this.hits.set(user, recent);
    while (this.hits.size > this.maxUsers) {
      const oldest = this.hits.keys().next().value as string;
      this.hits.delete(oldest);
    }
    return { allowed: true, retryAfterMs: 0 };
  }
}
