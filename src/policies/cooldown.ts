import type { Clock } from '../ports.js';

/**
 * Per-channel topic cooldown, a core policy every platform applies to public answers: once a topic
 * is posted publicly in a channel, the same topic is not posted there again for a while, so several
 * helpers answering one question do not post the same answer twice. Memory is bounded: expired
 * entries are dropped, and past `maxEntries` the oldest go.
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

export class TopicCooldown {
  private readonly entries = new Map<string, CooldownEntry>();

  constructor(private readonly options: { seconds: number; maxEntries?: number; now?: Clock }) {}

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
   * so two helpers clicking at the same moment cannot both post.
   */
  claim(channelId: string, topicId: string): Claim {
    if (this.options.seconds <= 0) return { ok: true, posted: () => {}, release: () => {} };
    const key = `${channelId}:${topicId}`;
    const now = this.now;
    const previous = this.entries.get(key);
    if (previous && now - previous.at < this.windowMs) return { ok: false, previous };
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
      },
    };
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
