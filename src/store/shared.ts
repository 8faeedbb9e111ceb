/**
 * State that several bot processes (Slack replicas, Discord shards) must agree on, as a small interface
 * beside `CareerStore`: both stores implement it. On PostgreSQL it is shared through the database; with
 * the embedded SQLite store (one process) cooldowns and rate limits stay in memory and settings in the
 * file. Types only here: no database driver is imported.
 */

/** A value a setting may hold: anything JSON can carry. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface RateLimitDecision {
  allowed: boolean;
  /** When not allowed: how long until the next one is accepted (ms); 0 when allowed. */
  retryAfterMs: number;
}

export interface SharedState {
  /**
   * Claim the right to post `topicId` in `channelKey` at `now` (ms). Atomic: of any number of claims
   * for the same channel and topic within `windowMs` of the winning one, across every process sharing
   * the store, exactly one resolves to true. A window of 0 or less always wins (cooldown off).
   */
  claimCooldown(channelKey: string, topicId: string, windowMs: number, now: number): Promise<boolean>;

  /** Give back the claim made at `at` for this channel and topic (its post failed); a later claim stays. */
  releaseCooldown(channelKey: string, topicId: string, at: number): Promise<void>;

  /**
   * Count one request for `userKey` at `now` when fewer than `limit` were counted in the `windowMs`
   * before it; otherwise refuse and say when the oldest of them leaves the window. A limit of 0 or less
   * turns limiting off.
   */
  takeRateLimit(userKey: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision>;

  /**
   * Count one event for `key` in the fixed window of `windowMs` that holds `now` when fewer than
   * `limit` were counted in it; otherwise refuse and say when that window ends. Windows start at
   * multiples of `windowMs` since the epoch (an hour's window is a clock hour, UTC). Atomic: of any
   * number of takes in one window, across every process sharing the store, at most `limit` are
   * allowed. A limit of 0 or less turns counting off. Used for the auto-reply limit per channel.
   */
  takeWindowCount(key: string, limit: number, windowMs: number, now: number): Promise<RateLimitDecision>;

  /** A setting's value (for example a channel's auto-reply list), or undefined when never set. */
  getSetting(key: string): Promise<JsonValue | undefined>;
  setSetting(key: string, value: JsonValue): Promise<void>;

  /**
   * Call `listener` after learned phrasings changed (a moderator link that added or moved one, a
   * removal), in this process or, on PostgreSQL, in any process sharing the database; the process
   * that made the change hears it too. Also called after a lost notification channel is restored,
   * since changes may have been missed meanwhile. Returns a function that stops listening.
   */
  onLearnedChanged(listener: () => void): () => void;
}
