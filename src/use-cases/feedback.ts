import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import { recordFeedback } from '../store/record.js';
import type { CareerStore, Platform, Vote } from '../store/store.js';

/**
 * 👍 / 👎 under an answer, the same on every platform: one log line with the README's fields
 * (topicId, userId, vote), the vote recorded with the topic only (the store keeps no user ids),
 * then the adapter sends its thanks. A vote on a topic that no longer exists is logged, not stored.
 */

export interface FeedbackDeps {
  bot: CareerBot;
  store?: CareerStore | undefined;
  /** The event's child logger. */
  log: Logger;
}

export interface FeedbackInput {
  platform: Platform;
  /** The platform's user id (not qualified). */
  userId: string;
  topicId: string;
  vote: Vote;
}

export interface FeedbackResult {
  vote: Vote;
  /** Whether the topic still exists (and the vote was recorded). */
  recorded: boolean;
}

export async function giveFeedback(deps: FeedbackDeps, input: FeedbackInput): Promise<FeedbackResult> {
  const known = deps.bot.topic(input.topicId) !== undefined;
  deps.log.info({ topicId: input.topicId, userId: input.userId, vote: input.vote, known }, 'feedback');
  if (known) await recordFeedback(deps.store, deps.log, { platform: input.platform, topicId: input.topicId, vote: input.vote });
  return { vote: input.vote, recorded: known && deps.store !== undefined };
}
