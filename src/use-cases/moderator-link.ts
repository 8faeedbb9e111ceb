import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import { storableText } from '../store/record.js';
import type { CareerStore, LearnOutcome, Platform } from '../store/store.js';
import { normalize } from '../text/normalize.js';

/**
 * The "moderator link" use case, the same on every platform (Slack's shortcut and `/career link`,
 * Discord's "Answer with career FAQ" and `/career-link`): record the link, learn the message's
 * text as a phrasing of the topic, and re-index the bot so the next question already benefits.
 * The store stays a store: re-indexing is this use case's job, not the recorder's.
 */

/**
 * A moderator posted `topicId`'s answer, on a message with `text` (or without, null). The text
 * becomes a learned phrasing of the topic (unless it already is one of its sample questions), and the
 * bot re-indexes with every learned phrasing, so the next question already benefits: no restart.
 */
export async function recordModeratorLink(
  store: CareerStore | undefined,
  log: Logger,
  bot: CareerBot,
  link: { platform: Platform; topicId: string; moderatorId: string; text: string | null },
): Promise<LearnOutcome | null> {
  if (!store) return null;
  const text = link.text === null ? '' : storableText(link.text);
  const topic = bot.topic(link.topicId);
  // A phrasing that is already a sample question of the topic teaches nothing new.
  const key = normalize(text).text;
  const known = topic?.questions.some((question) => normalize(question).text === key) ?? false;
  let learned: LearnOutcome | null = null;
  try {
    ({ learned } = await store.recordModeratorLink({
      platform: link.platform,
      topicId: link.topicId,
      moderatorId: link.moderatorId,
      text: text === '' ? null : text,
      learn: text !== '' && topic !== undefined && !known,
    }));
  } catch (err) {
    log.error({ err, lost: link }, 'could not record the moderator link');
    return null;
  }
  if (learned === 'added' || learned === 'moved') {
    try {
      bot.setLearned(await store.learnedPhrasings());
      log.info({ topicId: link.topicId, learned }, 'learned a phrasing from a moderator link');
    } catch (err) {
      log.error({ err }, 'could not reload the learned phrasings');
    }
  }
  return learned;
}
