import type { Clock } from './ports.js';

/**
 * The last topics of each conversation (a Slack thread or DM, a Discord channel per user, the
 * terminal chat), so a follow-up such as "and in the US?" can be read with the turn before it.
 * Only topic ids are kept, never the text people wrote; memory is bounded: a conversation is
 * forgotten after `ttlMs` without a turn, and past `maxConversations` the least recent goes.
 */

export interface ConversationOptions {
  /** Forget a conversation this long after its last answered turn. Default 10 minutes. */
  ttlMs?: number;
  /** Conversations remembered at once. Default 10,000. */
  maxConversations?: number;
  /** Topics remembered per conversation, most recent first. Default 3. */
  topicsPerConversation?: number;
  now?: Clock;
}

export const DEFAULT_CONVERSATION_TTL_MS = 10 * 60_000;

interface Entry {
  topics: string[];
  at: number;
}

export class ConversationMemory {
  // A Map iterates in insertion order: re-inserting on every turn keeps the least recent first.
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly perConversation: number;
  private readonly now: Clock;

  constructor(options: ConversationOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_CONVERSATION_TTL_MS;
    this.max = Math.max(1, options.maxConversations ?? 10_000);
    this.perConversation = Math.max(1, options.topicsPerConversation ?? 3);
    this.now = options.now ?? Date.now;
  }

  /** The conversation's recent topics, most recent first; empty when it is new or has expired. */
  recent(key: string): string[] {
    const entry = this.entries.get(key);
    if (!entry) return [];
    if (this.now() - entry.at > this.ttlMs) {
      this.entries.delete(key);
      return [];
    }
    return [...entry.topics];
  }

  /** `topicId` was answered in the conversation just now. */
  remember(key: string, topicId: string): void {
    const previous = this.recent(key);
    this.entries.delete(key);
    const topics = [topicId, ...previous.filter((id) => id !== topicId)].slice(0, this.perConversation);
    this.entries.set(key, { topics, at: this.now() });
    this.evict();
  }

  /** Conversations held right now (expired ones included until they are next touched or evicted). */
  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.max && now - entry.at <= this.ttlMs) break;
      this.entries.delete(key);
    }
  }
}
