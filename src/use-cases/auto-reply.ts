import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import type { TopicCooldown } from '../policies/cooldown.js';
import { WindowLimit } from '../policies/window-limit.js';
import type { AnswerReply } from '../reply.js';
import type { JsonValue, SharedState } from '../store/shared.js';
import type { AutoReplyEvent, CareerStore, Platform } from '../store/store.js';

/**
 * The auto-reply use case (issue 13), the same on every platform: in a channel moderators opted in,
 * a person's new message or post gets the FAQ's answer only when the matcher is very sure. Stricter
 * than a direct question (someone who did not ask the bot must not get a wrong answer), and never
 * spammy: one reply per message, the channel's topic cooldown, a per-channel rate limit, nothing for
 * bots, edits, or messages that are only links, code or attachments. Clarify and fallback stay silent.
 */

/**
 * The confidence at or above which an automatic reply is posted. Chosen on the development sets with
 * `npm run eval` (the auto-reply section: the lowest confidence at which the answers given are right
 * at least 97% of the time); configurable per platform because the matcher keeps improving.
 */
export const DEFAULT_AUTO_REPLY_THRESHOLD = 0.9;

/** Automatic replies per channel per clock hour (UTC) when the configuration does not say otherwise. */
export const DEFAULT_AUTO_REPLY_PER_HOUR = 6;

/** How long the channel list read from the store is trusted. */
const CHANNEL_LIST_TTL_MS = 5_000;
/** How many message ids are remembered so a re-delivered event never gets a second reply. */
const SEEN_MAX = 10_000;

/** Messages shorter than this (after links and code are taken out) are not questions worth guessing at. */
const MIN_QUESTION_CHARS = 8;

export interface AutoReplyMessage {
  platform: Platform;
  channelId: string;
  /** The message's author, the platform's id. */
  userId: string;
  /** The text (a forum post: title and first message), mentions already translated. */
  text: string;
  /** Written by a bot or an app (or by this bot itself). */
  fromBot: boolean;
  /** An edit of an earlier message rather than a new one. */
  edited?: boolean | undefined;
}

export type AutoReplySkip = 'bot' | 'edited' | 'links-code-or-attachments-only' | 'not-sure' | 'cooldown' | 'channel-rate-limit';

export type AutoReplyDecision =
  | {
      post: true;
      reply: AnswerReply;
      confidence: number;
      /** After sending: where the reply went (for the cooldown's "already answered" link). */
      posted(url: string | undefined): void;
      /** Sending failed: free the cooldown slot. */
      release(): void;
    }
  | { post: false; skip: AutoReplySkip; confidence?: number | undefined };

export interface AutoReplyDeps {
  bot: CareerBot;
  /** The event's child logger. */
  log: Logger;
  /** The platform's public-answer cooldown (the same topic is not posted twice in a channel within it). */
  cooldown: TopicCooldown;
  /** Keyed by channel: at most so many automatic replies per clock hour. */
  channelLimit: WindowLimit;
  threshold: number;
}

/** The text without links, code blocks, inline code and Slack/Discord markup (mentions, emoji, channels). */
export function questionPart(text: string): string {
  return text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/<[^<>\s]*>/g, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/:[a-z0-9_+-]+:/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Only links, code, attachments or markup: nothing to answer. */
export function isOnlyLinksOrCode(text: string): boolean {
  return questionPart(text).replace(/[^\p{L}\p{N}]/gu, '').length < MIN_QUESTION_CHARS;
}

/**
 * Decide whether to answer `message` automatically. The channel is assumed opted in (the adapter
 * checks `AutoReplyChannels`). Posting claims the cooldown slot and counts against the channel's
 * limit; the caller reports `posted` or `release` once the platform answered.
 */
export async function decideAutoReply(deps: AutoReplyDeps, message: AutoReplyMessage): Promise<AutoReplyDecision> {
  if (message.fromBot) return { post: false, skip: 'bot' };
  if (message.edited) return { post: false, skip: 'edited' };
  if (isOnlyLinksOrCode(message.text)) return { post: false, skip: 'links-code-or-attachments-only' };
  const { reply, match } = deps.bot.ask(questionPart(message.text));
  const confidence = match?.confidence;
  if (reply.kind !== 'answer' || match === null || match.fromContext || match.confidence < deps.threshold) {
    return { post: false, skip: 'not-sure', confidence };
  }
  // Named for what it counts: on PostgreSQL the key is a row of the shared `window_counts` table.
  const channelKey = `auto-reply:${message.platform}:${message.channelId}`;
  const claim = await deps.cooldown.claim(message.channelId, reply.topic.id);
  if (!claim.ok) return { post: false, skip: 'cooldown', confidence };
  if (!(await deps.channelLimit.take(channelKey)).allowed) {
    claim.release();
    return { post: false, skip: 'channel-rate-limit', confidence };
  }
  return { post: true, reply, confidence: match.confidence, posted: claim.posted, release: claim.release };
}

/** One log line per decision, with the README's fields. */
export function logAutoReply(log: Logger, message: AutoReplyMessage, decision: AutoReplyDecision): void {
  if (decision.post) {
    log.info({ topicId: decision.reply.topic.id, confidence: decision.confidence, userId: message.userId }, 'auto-reply posted');
  } else {
    log.debug({ skip: decision.skip, confidence: decision.confidence }, 'auto-reply skipped');
  }
}

/**
 * The channels where auto-reply is on: the configured fixed list plus what moderators turned on,
 * kept as a setting in the store so it survives restarts (and, on PostgreSQL, is shared by replicas).
 */
export class AutoReplyChannels {
  private turnedOn: Set<string> | undefined;

  constructor(
    private readonly options: {
      platform: Platform;
      /** SLACK_AUTO_REPLY_CHANNELS / DISCORD_AUTO_REPLY_CHANNELS: always on, cannot be turned off by command. */
      fixed: readonly string[];
      settings?: SharedState | undefined;
      now?: (() => number) | undefined;
    },
  ) {}

  private get key(): string {
    return `auto-reply-channels:${this.options.platform}`;
  }

  isFixed(channelId: string): boolean {
    return this.options.fixed.includes(channelId);
  }

  private loadedAt = -Infinity;

  private async load(): Promise<Set<string>> {
    const { settings } = this.options;
    if (!settings) return (this.turnedOn ??= new Set());
    // Re-read now and then: on a shared store another replica may have changed the list. Every message
    // in every channel the bot is in asks, so one small read per few seconds, not per message.
    const now = (this.options.now ?? Date.now)();
    if (this.turnedOn && now - this.loadedAt < CHANNEL_LIST_TTL_MS) return this.turnedOn;
    const value = await settings.getSetting(this.key);
    this.turnedOn = new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
    this.loadedAt = now;
    return this.turnedOn;
  }

  async isOn(channelId: string): Promise<boolean> {
    return this.isFixed(channelId) || (await this.load()).has(channelId);
  }

  /** Every channel where auto-reply is on, fixed ones first. */
  async list(): Promise<string[]> {
    const on = await this.load();
    return [...new Set([...this.options.fixed, ...on])];
  }

  async set(channelId: string, on: boolean): Promise<void> {
    this.loadedAt = -Infinity; // read-modify-write on the latest list
    const channels = await this.load();
    if (on) channels.add(channelId);
    else channels.delete(channelId);
    const value: JsonValue = [...channels].sort();
    if (this.options.settings) await this.options.settings.setSetting(this.key, value);
  }
}

/** What an adapter keeps for auto-reply: where it is on, the channel limit and the threshold. */
export interface AutoReplySetup {
  channels: AutoReplyChannels;
  channelLimit: WindowLimit;
  threshold: number;
  /**
   * True the first time a message or post id is seen (platforms re-deliver events: Slack retries,
   * a gateway replay), so each gets at most one automatic reply. Bounded: the oldest ids go first.
   */
  firstTime(messageKey: string): boolean;
}

export function createAutoReply(options: {
  platform: Platform;
  fixed: readonly string[];
  /** The store's shared state: the channel list, and the per-channel hourly count (shared on PostgreSQL). */
  settings?: SharedState | undefined;
  /** The store could not count a reply: this process counts until it answers again (told here, to log). */
  onSharedError?: ((error: unknown) => void) | undefined;
  threshold?: number | undefined;
  perHour?: number | undefined;
  now?: (() => number) | undefined;
}): AutoReplySetup {
  const seen = new Set<string>();
  return {
    channels: new AutoReplyChannels({ platform: options.platform, fixed: options.fixed, settings: options.settings }),
    channelLimit: new WindowLimit({
      limit: options.perHour ?? DEFAULT_AUTO_REPLY_PER_HOUR,
      windowMs: 3_600_000,
      shared: options.settings,
      onSharedError: options.onSharedError,
      ...(options.now ? { now: options.now } : {}),
    }),
    threshold: options.threshold ?? DEFAULT_AUTO_REPLY_THRESHOLD,
    firstTime(messageKey) {
      if (seen.has(messageKey)) return false;
      seen.add(messageKey);
      if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
      return true;
    },
  };
}

/** Keep an auto-reply event for the report; a failing write is logged, never thrown (the reply is out). */
export async function recordAutoReplyEvent(store: CareerStore | undefined, log: Logger, event: AutoReplyEvent): Promise<void> {
  if (!store) return;
  try {
    await store.recordAutoReply(event);
  } catch (err) {
    log.error({ err }, 'could not record the auto-reply event');
  }
}
