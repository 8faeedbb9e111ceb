/**
 * At most `limit` events per key in each fixed window of `windowMs` (an hour's window is a clock
 * hour, UTC): the auto-reply limit per channel. With a `shared` port (the store's SharedState) the
 * count is kept there, one atomic counter per key and window, so every replica sharing a PostgreSQL
 * database counts the same replies; without one, or while the store cannot be asked, it is counted in
 * this process. Memory is bounded: past `maxKeys` keys the least recently counted are forgotten.
 */

/** The part of the store's SharedState the limit needs. */
export interface SharedWindowLimit {
  takeWindowCount(key: string, limit: number, windowMs: number, now: number): Promise<WindowDecision>;
}

export interface WindowDecision {
  allowed: boolean;
  /** When not allowed: how long until the window ends (ms); 0 when allowed. */
  retryAfterMs: number;
}

export interface WindowLimitOptions {
  limit: number;
  windowMs: number;
  maxKeys?: number;
  now?: () => number;
  shared?: SharedWindowLimit | undefined;
  /** The shared store failed: this process counts on its own until it answers again (told here, to log). */
  onSharedError?: ((error: unknown) => void) | undefined;
}

export class WindowLimit {
  private readonly counts = new Map<string, { start: number; count: number }>();

  constructor(private readonly options: WindowLimitOptions) {}

  /** Counts one event for `key` when allowed; a limit of 0 turns limiting off. */
  async take(key: string): Promise<WindowDecision> {
    const { limit, windowMs, shared } = this.options;
    if (limit <= 0 || windowMs <= 0) return { allowed: true, retryAfterMs: 0 };
    const now = (this.options.now ?? Date.now)();
    if (shared) {
      try {
        return await shared.takeWindowCount(key, limit, windowMs, now);
      } catch (error) {
        this.options.onSharedError?.(error);
      }
    }
    return this.takeHere(key, now);
  }

  private takeHere(key: string, now: number): WindowDecision {
    const { limit, windowMs } = this.options;
    const start = Math.floor(now / windowMs) * windowMs;
    const current = this.counts.get(key);
    const count = current?.start === start ? current.count : 0;
    // Re-insert so Map order is least recently counted first.
    this.counts.delete(key);
    this.counts.set(key, { start, count: Math.min(count + 1, limit) });
    while (this.counts.size > (this.options.maxKeys ?? 10_000)) this.counts.delete(this.counts.keys().next().value as string);
    return count >= limit ? { allowed: false, retryAfterMs: start + windowMs - now } : { allowed: true, retryAfterMs: 0 };
  }
}
