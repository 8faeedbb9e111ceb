import type { Clock } from '../ports.js';

/**
 * Per-channel topic cooldown, a core policy every platform applies to public answers: once a topic
 * is posted publicly in a channel, the same topic is not posted there again for a while, so several
 * helpers answering one question do not post the same answer twice. With a `shared` port (the
 * store's SharedState) the claim is decided there, atomically across every replica sharing a
 * PostgreSQL database; this process still remembers its own claims, for the link to the earlier post.
 * Memory is bounded: expired entries are dropped, and past `maxEntries` the oldest go.
 */

/** The window when the platform's configuration does not set one. */
export const DEFAULT_COOLDOWN_SECONDS = 60;

export interface CooldownEntry {
  /** When the answer was posted (ms since the epoch). */
  at: number;
  /** A link to the posted answer, when the platform told us where it went. */
  url: string | undefined;
}

export type Claim =
  | {
      ok: true;
      /** Record where the answer went. */ posted(url: string | undefined): void;
      /** The post failed: free the slot. */ release(): void;
    }
  | { ok: false; previous: CooldownEntry };

/** The part of the store's SharedState the cooldown needs. */
export interface SharedCooldown {
  claimCooldown(channelKey: string, topicId: string, windowMs: number, now: number): Promise<boolean>;
  releaseCooldown(channelKey: string, topicId: string, at: number): Promise<void>;
}

export class TopicCooldown {
  private readonly entries = new Map<string, CooldownEntry>();

  constructor(
    private readonly options: {
      seconds: number;
      maxEntries?: number;
      now?: Clock;
      /** Where claims are decided when replicas share them (the store); in this process when unset. */
      shared?: SharedCooldown | undefined;
      /** Qualifies channel ids in the shared store ("slack", "discord"), so platforms never collide. */
      platform?: string | undefined;
      /** The shared store failed: this process decides on its own until it answers again (told here, to log). */
      onSharedError?: ((error: unknown) => void) | undefined;
    },
  ) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get windowMs(): number {
    return this.options.seconds * 1000;
  }

  /** Number of live entries (for tests and metrics). */
  get size(): number {
    this.prune();
    return this.entries.size;
  }

  /**
   * Reserve the right to post `topicId` in `channelId` now. The slot is taken before the post is sent,
   * so two helpers clicking at the same moment (on any replica, with a shared store) cannot both post.
   */
  async claim(channelId: string, topicId: string): Promise<Claim> {
    if (this.options.seconds <= 0) return { ok: true, posted: () => {}, release: () => {} };
    const key = `${channelId}:${topicId}`;
    const now = this.now;
    this.prune();
    const local = this.entries.get(key);
    const { shared, platform } = this.options;
    const channelKey = platform ? `${platform}:${channelId}` : channelId;
    const won = shared ? await this.claimShared(shared, channelKey, topicId, now) : undefined;
    if (won === false) {
      // Claimed on another replica: when and where are not known here; "now" reads "moments ago".
      return { ok: false, previous: local && now - local.at < this.windowMs ? local : { at: now, url: undefined } };
    }
    if (won === undefined && local && now - local.at < this.windowMs) {
      return { ok: false, previous: local };
    }
    const entry: CooldownEntry = { at: now, url: undefined };
    this.entries.delete(key); // re-insert so Map order stays oldest-first
    this.entries.set(key, entry);
    this.prune();
    return {
      ok: true,
      posted: (url) => {
        entry.url = url;
      },
      release: () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
        // Best effort: a release that fails leaves the slot to expire with its window.
        shared?.releaseCooldown(channelKey, topicId, now).catch(() => undefined);
      },
    };
  }

  /** The store's decision, or undefined when it cannot be asked (then this process decides). */
  private async claimShared(shared: SharedCooldown, channelKey: string, topicId: string, now: number) {
    try {
      return await shared.claimCooldown(channelKey, topicId, this.windowMs, now);
    } catch (error) {
      this.options.onSharedError?.(error);
      return undefined;
    }
  }

  private prune(): void {
    const now = this.now;
    const max = this.options.maxEntries ?? 10_000;
    // Map iteration is insertion order, and claims re-insert, so the oldest entries come first.
    for (const [key, entry] of this.entries) {
      if (this.entries.size > max || now - entry.at >= this.windowMs) this.entries.delete(key);
      else break;
    }
  }
}
