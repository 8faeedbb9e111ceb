/**
 * The text of the message a moderator opened "Answer with career FAQ" on, kept until they pick a
 * topic: Discord sends the text only with the context-menu command, and the menu's custom id has no
 * room for it. When the pick comes, the text becomes a learned phrasing of the topic. Bounded: an
 * entry lives as long as an interaction token (15 minutes), and past `maxEntries` the oldest go.
 */
export class MessageTexts {
  private readonly entries = new Map<string, { text: string; at: number }>();

  constructor(private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {}) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  remember(messageId: string, text: string): void {
    this.entries.delete(messageId); // re-insert so Map order stays oldest-first
    this.entries.set(messageId, { text, at: this.now });
    this.prune();
  }

  get(messageId: string): string | undefined {
    this.prune();
    return this.entries.get(messageId)?.text;
  }

  private prune(): void {
    const ttl = this.options.ttlMs ?? 15 * 60_000;
    const max = this.options.maxEntries ?? 1_000;
    const now = this.now;
    for (const [key, entry] of this.entries) {
      if (this.entries.size > max || now - entry.at >= ttl) this.entries.delete(key);
      else break;
    }
  }
}
