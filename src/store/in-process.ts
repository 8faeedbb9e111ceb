import { CareerbotError } from '../errors.js';
import type { JsonValue, RateLimitDecision } from './shared.js';

/** What both stores share that is no database's business: in-memory limits, listeners, setting JSON. */

/**
 * The SQLite store's cooldowns and rate limits, in memory: with one process there is nobody to share
 * them with. Memory is bounded: expired entries are dropped as they are met, and past `maxEntries`
 * keys the least recently used go first (Map order is insertion order; a use re-inserts).
 */
export class InProcessLimits {
  /** `channelKey\u0000topicId` -> when the claim was made and when it expires (ms). */
  private readonly cooldowns = new Map<string, { at: number; expires: number }>();
  /** `userKey` -> the times counted within the window, oldest first. */
  private readonly hits = new Map<string, number[]>();
  /** `key` -> the fixed window being counted (its start, ms) and its count. */
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly maxEntries = 10_000) {}

  /** Keys currently tracked (for tests: memory stays bounded). */
  get size(): { cooldowns: number; rateLimits: number; windowCounts: number } {
    return { cooldowns: this.cooldowns.size, rateLimits: this.hits.size, windowCounts: this.windows.size };
  }

  claimCooldown(channelKey: string, topicId: string, windowMs: number, now: number): boolean {
    if (windowMs <= 0) return true;
    const key = `${channelKey}\u0000${topicId}`;
    const claim = this.cooldowns.get(key);
    if (claim !== undefined && now < claim.expires) return false;
    this.cooldowns.delete(key);
    this.cooldowns.set(key, { at: now, expires: now + windowMs });
    this.bound(this.cooldowns, (value) => value.expires <= now);
    return true;
  }

  /** Give back the claim made at `at` (its post failed); a later claim stays. */
  releaseCooldown(channelKey: string, topicId: string, at: number): void {
    const key = `${channelKey}\u0000${topicId}`;
    if (this.cooldowns.get(key)?.at === at) this.cooldowns.delete(key);
  }

  takeRateLimit(userKey: string, limit: number, windowMs: number, now: number): RateLimitDecision {
    if (limit <= 0) return { allowed: true, retryAfterMs: 0 };
    const recent = (this.hits.get(userKey) ?? []).filter((time) => now - time < windowMs);
    this.hits.delete(userKey);
    if (recent.length >= limit) {
      this.hits.set(userKey, recent);
      return { allowed: false, retryAfterMs: windowMs - (now - recent[recent.length - limit]!) };
    }
    recent.push(now);
    this.hits.set(userKey, recent);
    this.bound(this.hits, (times) => times.every((time) => now - time >= windowMs));
    return { allowed: true, retryAfterMs: 0 };
  }

  takeWindowCount(key: string, limit: number, windowMs: number, now: number): RateLimitDecision {
    if (limit <= 0 || windowMs <= 0) return { allowed: true, retryAfterMs: 0 };
    const start = windowStart(now, windowMs);
    const current = this.windows.get(key);
    const count = current?.start === start ? current.count : 0;
    this.windows.delete(key);
    if (count >= limit) {
      this.windows.set(key, { start, count });
      return { allowed: false, retryAfterMs: start + windowMs - now };
    }
    this.windows.set(key, { start, count: count + 1 });
    this.bound(this.windows, (value) => value.start + windowMs <= now);
    return { allowed: true, retryAfterMs: 0 };
  }

  /** Past the bound: drop expired entries from the old end, then the least recently used. */
  private bound<V>(map: Map<string, V>, expired: (value: V) => boolean): void {
    if (map.size <= this.maxEntries) return;
    for (const [key, value] of map) {
      if (map.size <= this.maxEntries) return;
      if (expired(value)) map.delete(key);
    }
    while (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
  }
}

/** The start of the fixed window of `windowMs` that holds `now` (windows start at multiples of `windowMs`). */
export function windowStart(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

/** Learned-phrasing change listeners within one process. */
export class Listeners {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly report: (error: unknown) => void = (error) =>
      process.emitWarning(`a learned-phrasings listener threw: ${error instanceof Error ? error.message : String(error)}`),
  ) {}

  add(listener: () => void): () => void {
    // A wrapper per registration, so the same function added twice is removed once per call.
    const entry = () => listener();
    this.listeners.add(entry);
    return () => void this.listeners.delete(entry);
  }

  /** Call every listener; one that throws does not stop the others (nor the write that changed things). */
  fire(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.report(error);
      }
    }
  }
}

/** A setting as stored: JSON text; a value JSON cannot carry is refused with the key's name. */
export function settingJson(key: string, value: JsonValue): string {
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) {
    throw new CareerbotError('careerbot_usage', `the setting ${JSON.stringify(key)} must be a JSON value (got ${typeof value})`);
  }
  return json;
}
