import type { CareerBot } from '../bot.js';
import type { Logger } from '../logger.js';
import type { Claim, CooldownEntry, TopicCooldown } from '../policies/cooldown.js';
import type { AnswerReply } from '../reply.js';
import { storableText } from '../store/record.js';
import type { CareerStore, LearnOutcome, Platform } from '../store/store.js';
import type { Topic } from '../types.js';
import { normalize } from '../text/normalize.js';

/**
 * The "moderator link" use case, the same on every platform (Slack's shortcut and `/career link`,
 * Discord's "Answer with career FAQ" and `/career-link`): decide whether the link may be made and
 * which topic it posts, record it (learning the message's text as a phrasing of the topic and
 * re-indexing the bot, so the next question already benefits), and return what to send. The adapter
 * checks who is a moderator (a platform matter), translates the event, and renders the result; the
 * refusal texts live once in adapters/shared/texts.ts.
 *
 * Recording comes before sending, on every platform: a post that then fails (the bot not in the
 * channel) still leaves the moderator's judgement that this message is about this topic, which is
 * what the link and the learned phrasing record.
 */

/** Why a link was not made; each has one text for every platform. */
export type LinkRefusalReason =
  /** The user is not a moderator. */
  | 'not-moderator'
  /** No topic was given or picked. */
  | 'no-topic'
  /** The words typed match no topic. */
  | 'no-such-topic'
  /** The topic picked (by id) is no longer in the knowledge. */
  | 'topic-gone';

export interface ModeratorLinkDeps {
  bot: CareerBot;
  store?: CareerStore | undefined;
  /** The event's child logger. */
  log: Logger;
}

export interface ModeratorLinkInput {
  platform: Platform;
  moderatorId: string;
  /** Whether the platform counts the user as a moderator (its own check: user ids, roles, permissions). */
  isModerator: boolean;
  /** The topic: an id picked from a list, or words typed; null when none was given. */
  topic: { id: string } | { words: string } | null;
  /** Whom the answer is for (mentioned), when someone. */
  forUserId?: string | undefined;
  /** The words of the message being answered (learned as a phrasing), or null. */
  text: string | null;
  /**
   * Claim the topic in this channel first (the per-channel cooldown): when it was posted there
   * moments ago, nothing is recorded and the result says so.
   */
  cooldown?: { policy: TopicCooldown; channelId: string } | undefined;
}

export type ModeratorLinkResult =
  | { kind: 'refused'; reason: LinkRefusalReason; /** The words that matched nothing. */ words?: string | undefined }
  | { kind: 'cooled-down'; topic: Topic; previous: CooldownEntry }
  | {
      kind: 'post';
      answer: AnswerReply;
      /** Whom to address at the top, when someone. */
      forUserId: string | undefined;
      /** The moderator, named as who shared it. */
      sharedBy: string;
      learned: LearnOutcome | null;
      /** The cooldown's slot, when one was claimed: say where the answer went, or free it when the post failed. */
      claim: { posted(url: string | undefined): void; release(): void };
    };

const NO_CLAIM = { posted: () => {}, release: () => {} };

function resolveTopic(bot: CareerBot, topic: ModeratorLinkInput['topic']): Topic | ModeratorLinkResult {
  if (topic === null) return { kind: 'refused', reason: 'no-topic' };
  if ('id' in topic) return bot.topic(topic.id) ?? { kind: 'refused', reason: 'topic-gone' };
  const words = topic.words.trim();
  if (words === '') return { kind: 'refused', reason: 'no-topic' };
  return bot.find(words) ?? { kind: 'refused', reason: 'no-such-topic', words };
}

/** Without a cooldown to claim, a link is refused or posted. */
export type UncooledLinkResult = Exclude<ModeratorLinkResult, { kind: 'cooled-down' }>;

/** A moderator posts a topic's answer for someone: refused, cooled down, or recorded and ready to post. */
export async function linkModeratorAnswer(
  deps: ModeratorLinkDeps,
  input: ModeratorLinkInput & { cooldown?: undefined },
): Promise<UncooledLinkResult>;
export async function linkModeratorAnswer(deps: ModeratorLinkDeps, input: ModeratorLinkInput): Promise<ModeratorLinkResult>;
export async function linkModeratorAnswer(deps: ModeratorLinkDeps, input: ModeratorLinkInput): Promise<ModeratorLinkResult> {
  const { log } = deps;
  if (!input.isModerator) {
    log.info({ userId: input.moderatorId }, 'moderator link refused: not a moderator');
    return { kind: 'refused', reason: 'not-moderator' };
  }
  const topic = resolveTopic(deps.bot, input.topic);
  if ('kind' in topic) {
    log.info(
      { userId: input.moderatorId, reason: topic.kind === 'refused' ? topic.reason : undefined },
      'moderator link refused',
    );
    return topic;
  }
  let claim: Claim = { ok: true, ...NO_CLAIM };
  if (input.cooldown) {
    claim = await input.cooldown.policy.claim(input.cooldown.channelId, topic.id);
    if (!claim.ok) {
      log.info({ topicId: topic.id, previous: claim.previous }, 'topic on cooldown in this channel');
      return { kind: 'cooled-down', topic, previous: claim.previous };
    }
  }
  const slot = claim.ok ? claim : NO_CLAIM;
  const learned = await recordModeratorLink(deps.store, log, deps.bot, {
    platform: input.platform,
    topicId: topic.id,
    moderatorId: input.moderatorId,
    text: input.text,
  });
  log.info({ topicId: topic.id, userId: input.moderatorId, forUserId: input.forUserId, learned }, 'moderator link recorded');
  return {
    kind: 'post',
    answer: deps.bot.answer(topic),
    forUserId: input.forUserId,
    sharedBy: input.moderatorId,
    learned,
    claim: { posted: (url) => slot.posted(url), release: () => slot.release() },
  };
}

/**
 * Record the link and learn `text` as a phrasing of the topic (unless it already is one of its sample
 * questions); the bot re-indexes with every learned phrasing, so the next question already benefits.
 * Failures are logged with what was lost, never thrown: the answer is still posted.
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
