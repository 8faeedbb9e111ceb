/**
 * What the bot remembers between restarts, as a small interface: the core and the adapters use only
 * this, so the embedded SQLite store (`sqlite.ts`) can be replaced by a shared one (PostgreSQL, see
 * docs/store.md) without touching them. Every method is async for that reason, although SQLite
 * itself answers synchronously. Types only here: no database driver is imported.
 */

/** Where a record came from. */
/** `console`: the terminal chat (`careerbot` with no command), so `report` can be tried locally. */
export type Platform = 'slack' | 'discord' | 'console';

/** The outcomes worth a moderator's attention: the bot did not answer outright. */
export type UnansweredOutcome = 'clarify' | 'fallback';

export type Vote = 'up' | 'down';

/** A question the bot answered with "Did you mean" or the off-topic fallback. No user name or id is kept. */
export interface QuestionRecord {
  text: string;
  platform: Platform;
  /** The channel (or DM conversation) it was asked in, when there is one. */
  channelId: string | null;
  outcome: UnansweredOutcome;
  /** Milliseconds since the epoch; now when left out. */
  at?: number | undefined;
}

export interface StoredQuestion extends Required<QuestionRecord> {
  id: number;
}

/** A 👍 or 👎 under an answer. No user id is kept. */
export interface FeedbackRecord {
  topicId: string;
  vote: Vote;
  platform: Platform;
  at?: number | undefined;
}

/** A moderator posted a topic's answer for someone. */
export interface ModeratorLinkRecord {
  topicId: string;
  /** The platform's id of the moderator (who taught the bot what). */
  moderatorId: string;
  platform: Platform;
  /** The text of the message answered, when the link was made on a message; null otherwise. */
  text: string | null;
  at?: number | undefined;
  /** Also keep `text` as a learned phrasing of the topic, in the same transaction. */
  learn?: boolean | undefined;
}

/** A phrasing a moderator's link taught the matcher. Unique by `normalized` (one topic per phrasing). */
export interface LearnedPhrasing {
  id: number;
  topicId: string;
  /** The phrasing as asked (cleaned), for display and for `learned export`. */
  text: string;
  /** The matcher's normalisation of `text`: the de-duplication key. */
  normalized: string;
  at: number;
}

/** What adding a learned phrasing did. */
export type LearnOutcome = 'added' | 'moved' | 'unchanged' | 'empty';

export interface TopicFeedback {
  topicId: string;
  up: number;
  down: number;
}

export interface TopicCount {
  topicId: string;
  count: number;
}

/** What happened to an automatic reply (issue 13): posted, voted on, removed by the asker or a moderator. */
export type AutoReplyEventKind = 'posted' | 'up' | 'down' | 'removed' | 'solved';

/** One auto-reply event. No user id is kept. */
export interface AutoReplyEvent {
  platform: Platform;
  channelId: string;
  topicId: string;
  kind: AutoReplyEventKind;
  at?: number | undefined;
}

/** Auto-reply events of one channel, counted. */
export interface ChannelAutoReplies {
  platform: Platform;
  channelId: string;
  posted: number;
  up: number;
  down: number;
  removed: number;
  solved: number;
}

export interface CareerStore {
  /** Where the data lives (a file path, a database URL without credentials): for messages. */
  readonly location: string;

  recordQuestion(record: QuestionRecord): Promise<void>;
  /** Count one answered question for a topic (per day, counts only: no text). */
  recordAnswered(topicId: string, at?: number): Promise<void>;
  recordFeedback(record: FeedbackRecord): Promise<void>;
  /**
   * Record a moderator link; with `learn` and a text, add the text as a learned phrasing of the topic
   * in the same transaction (re-linking a known phrasing to another topic moves it there).
   */
  recordModeratorLink(record: ModeratorLinkRecord): Promise<{ learned: LearnOutcome | null }>;

  /** Every learned phrasing, oldest first. */
  learnedPhrasings(): Promise<LearnedPhrasing[]>;
  /** Remove learned phrasings by id; resolves to how many were removed. */
  removeLearnedPhrasings(ids: readonly number[]): Promise<number>;

  /** Unanswered and clarified questions asked at or after `since` (ms), oldest first. */
  questionsSince(since: number): Promise<StoredQuestion[]>;
  feedbackSince(since: number): Promise<TopicFeedback[]>;
  /** Answered questions per topic on days (UTC) from `since`'s day on, most first. */
  answeredSince(since: number): Promise<TopicCount[]>;
  /** How many moderator links were made at or after `since`. */
  moderatorLinksSince(since: number): Promise<number>;

  recordAutoReply(event: AutoReplyEvent): Promise<void>;
  /** Auto-reply events at or after `since`, per channel, most posted first. */
  autoRepliesSince(since: number): Promise<ChannelAutoReplies[]>;
  /** Resolves when the store answers (PostgreSQL: SELECT 1; SQLite: a pragma); rejects saying why not. */
  ping(): Promise<void>;

  close(): Promise<void>;
}
