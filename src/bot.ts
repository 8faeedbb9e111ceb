import Fuse from 'fuse.js';
import { ConversationMemory, type ConversationOptions } from './conversation.js';
import { Matcher, type ExtraPhrasing, type MatcherOptions } from './matcher/matcher.js';
import { RateLimiter, type SharedRateLimit } from './policies/rate-limit.js';
import type { AnswerReply, InfoReply, Reply, TopicRef } from './reply.js';
import { cleanText } from './text/normalize.js';
import { resolveIdentity } from './knowledge/identity.js';
import type { Identity, KnowledgeBase, MatchResult, SmalltalkKind, Topic } from './types.js';

/** Questions longer than this are cut, with a note (a pasted log or essay is not a question). */
export const MAX_QUESTION_CHARS = 500;
/**
 * A fallback offers the matcher's own candidates from this confidence on, even when the
 * out-of-scope class won narrowly ("which one pays more"); below it, the question is simply not
 * about this knowledge (the weather, a joke) and gets the short "what I cover" reply.
 */
const CANDIDATE_FLOOR = 0.1;

export interface AskResult {
  reply: Reply;
  match: MatchResult | null;
}

export interface RankedTopic extends TopicRef {
  confidence: number;
}

/** The smalltalk replies, from the knowledge's identity (`bot.yaml`, or neutral defaults). */
function smalltalkText(identity: Identity, kind: SmalltalkKind): string {
  switch (kind) {
    case 'greeting':
      return identity.greeting;
    case 'thanks':
      return identity.thanks;
    case 'bye':
      return identity.goodbye;
    case 'help':
      return `${identity.help} These are the topics I cover:`;
  }
}

/**
 * The conversation logic: a question in, a neutral reply out. Knowledge can be swapped at run
 * time (`replace`) without a moment where nothing answers.
 */
export class CareerBot {
  private state: { knowledge: KnowledgeBase; identity: Identity; matcher: Matcher; fuse: Fuse<Topic> };

  constructor(
    knowledge: KnowledgeBase,
    private readonly options: {
      matcher?: Partial<MatcherOptions> | undefined;
      /** Questions per user per minute (0: no limit). Default 10. */
      rateLimitPerMinute?: number | undefined;
      /** Phrasings learned at run time (moderator links), trained alongside the sample questions. */
      learned?: readonly ExtraPhrasing[] | undefined;
      /** How long and how many conversations are remembered for follow-ups. */
      conversation?: ConversationOptions | undefined;
      /** Where the rate limit counts, when replicas share it (the store); in this process when unset. */
      shared?: SharedRateLimit | undefined;
      /** The shared rate limit failed (the question is then counted in this process). */
      onSharedError?: ((error: unknown) => void) | undefined;
    } = {},
  ) {
    this.memory = new ConversationMemory(options.conversation);
    this.limiter = new RateLimiter({
      limit: options.rateLimitPerMinute ?? 10,
      windowMs: 60_000,
      shared: options.shared,
      onSharedError: options.onSharedError,
    });
    this.learned = [...(options.learned ?? [])];
    this.state = this.build(knowledge);
  }

  private readonly limiter: RateLimiter;
  private readonly memory: ConversationMemory;
  private learned: ExtraPhrasing[];

  private build(knowledge: KnowledgeBase) {
    return {
      knowledge,
      identity: knowledge.identity ?? resolveIdentity({}, knowledge.topics),
      matcher: new Matcher(knowledge, this.options.matcher, this.learned),
      // Fuzzy lookup over ids, titles and keywords: for topic pickers and "did you mean" on ids.
      fuse: new Fuse(knowledge.topics, {
        keys: [
          { name: 'id', weight: 2 },
          { name: 'title', weight: 2 },
          { name: 'keywords', weight: 1 },
        ],
        includeScore: true,
        ignoreLocation: true,
        threshold: 0.4,
      }),
    };
  }

  get knowledge(): KnowledgeBase {
    return this.state.knowledge;
  }

  /** Who the bot is (name, about, greeting, help...): for the adapters' help and home screens. */
  get identity(): Identity {
    return this.state.identity;
  }

  /** `topicId` was just shown in `conversation` (a button, a menu): follow-ups are read with it. */
  remember(conversation: string, topicId: string): void {
    this.memory.remember(conversation, topicId);
  }

  /** The matcher's raw decision for a question: no rate limit, no conversation (`ask --json`, tests). */
  match(question: string): MatchResult {
    return this.state.matcher.match(question);
  }

  /** How the current index was built: read from the cache, and why the cache could not be written. */
  get index(): { fromCache: boolean; cacheError: Matcher['cacheError'] } {
    const { fromCache, cacheError } = this.state.matcher;
    return { fromCache, cacheError };
  }

  /** Swap in new knowledge; the old keeps answering until the new is fully indexed. */
  replace(knowledge: KnowledgeBase): void {
    this.state = this.build(knowledge);
  }

  /**
   * Replace the learned phrasings and re-index: the matcher uses them from the next question on.
   * The same list again (a change this process made, heard back from the store) costs nothing.
   */
  setLearned(learned: readonly ExtraPhrasing[]): void {
    const same =
      learned.length === this.learned.length &&
      learned.every((p, i) => p.topicId === this.learned[i]!.topicId && p.text === this.learned[i]!.text);
    if (same) return;
    this.learned = [...learned];
    this.state = this.build(this.state.knowledge);
  }

  topics(): TopicRef[] {
    return this.state.knowledge.topics.map(toRef);
  }

  topic(id: string): Topic | undefined {
    return this.state.knowledge.byId.get(id);
  }

  /**
   * A topic the user picked while asking (an autocomplete choice): the same answer as `answer`, but
   * counted against the user's rate limit like any question.
   */
  async answerPicked(
    topic: Topic,
    context: { user?: string | undefined; conversation?: string | undefined } = {},
  ): Promise<Reply> {
    const limited = await this.rateLimited(context.user);
    if (limited) return limited;
    if (context.conversation !== undefined) this.memory.remember(context.conversation, topic.id);
    return this.answer(topic);
  }

  /** The friendly notice when `user` is past the rate limit (counting this question otherwise). */
  private async rateLimited(user: string | undefined): Promise<InfoReply | null> {
    if (user === undefined) return null;
    const decision = await this.limiter.take(user);
    if (decision.allowed) return null;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return this.info('notice', `You're asking faster than I can keep up. Please try again in ${seconds} seconds.`, []);
  }

  /** The answer for a topic chosen explicitly (a button, a menu, `show`). */
  answer(topic: Topic, confidence = 1): AnswerReply {
    const { byId } = this.state.knowledge;
    return {
      kind: 'answer',
      topic: toRef(topic),
      body: topic.body,
      sources: topic.sources,
      related: topic.related.flatMap((id) => {
        const related = byId.get(id);
        return related ? [toRef(related)] : [];
      }),
      confidence,
    };
  }

  /**
   * Answer a question from `user` (a platform-qualified id such as "slack:U123"): the per-user rate
   * limit applies (shared by replicas when the store is), past it the reply is a friendly notice and
   * nothing is matched. With `conversation`, see `ask`.
   */
  async askAs(question: string, context: { user?: string | undefined; conversation?: string | undefined }): Promise<AskResult> {
    const limited = await this.rateLimited(context.user);
    if (limited) return { reply: limited, match: null };
    return this.ask(question, { conversation: context.conversation });
  }

  /**
   * Answer a question, with no rate limit (help, the console, tests): `askAs` for users' questions.
   * With `conversation` (a platform-qualified key such as "slack:C1:1700000000.1"), the question is
   * read with that conversation's recent topics, so a follow-up ("and in the US?") is understood,
   * and an answer is remembered for the next turn.
   */
  ask(question: string, context: { conversation?: string | undefined } = {}): AskResult {
    const text = cleanText(question).trim();
    if (text === '') {
      return { reply: this.help(), match: null };
    }
    const cut = text.length > MAX_QUESTION_CHARS;
    const { conversation } = context;
    const previousTopics = conversation === undefined ? [] : this.memory.recent(conversation);
    const match = this.state.matcher.match(cut ? text.slice(0, MAX_QUESTION_CHARS) : text, { previousTopics });
    if (conversation !== undefined && match.outcome === 'answer' && match.topicId !== null) {
      this.memory.remember(conversation, match.topicId);
    }
    const reply = this.replyFor(match);
    if (cut && reply.kind !== 'answer') {
      return {
        reply: this.info(
          'notice',
          `That message is long (${text.length} characters), so I read only the first ${MAX_QUESTION_CHARS}. Try asking one short question.`,
          reply.kind === 'clarify' ? reply.suggestions : this.examples(),
        ),
        match,
      };
    }
    return { reply, match };
  }

  private replyFor(match: MatchResult): Reply {
    const { byId } = this.state.knowledge;
    switch (match.outcome) {
      case 'answer': {
        const topic = byId.get(match.topicId ?? '');
        if (!topic) break;
        const also = this.refs((match.also ?? []).map((s) => s.topicId)).filter((ref) => ref.id !== topic.id);
        return also.length > 0 ? { ...this.answer(topic, match.confidence), also } : this.answer(topic, match.confidence);
      }
      case 'clarify': {
        const suggestions = this.refs(match.suggestions.map((s) => s.topicId));
        return {
          kind: 'clarify',
          text: suggestions.length === 1 ? 'Did you mean this?' : 'I am not sure which of these you mean. Did you mean…',
          suggestions,
        };
      }
      case 'smalltalk': {
        const kind = match.smalltalk ?? 'help';
        return this.info(
          'smalltalk',
          smalltalkText(this.state.identity, kind),
          kind === 'help' || kind === 'greeting' ? this.topics() : [],
        );
      }
      case 'fallback':
        break;
    }
    // Unsure rather than off-topic: offer what the matcher itself found closest to this question.
    const best = match.junk ? 0 : (match.suggestions[0]?.confidence ?? 0);
    const candidates = best < CANDIDATE_FLOOR ? [] : match.suggestions.filter((s) => s.confidence >= Math.max(0.03, best / 3));
    if (candidates.length > 0) {
      return this.info(
        'fallback',
        `I'm not sure I understood. Were you asking about one of these? If not, try other words, or type "help" for the full topic list.`,
        this.refs(candidates.map((s) => s.topicId)),
      );
    }
    return this.info(
      'fallback',
      `Sorry, that's outside what I know. I answer ${this.state.identity.about}. Try one of these, or type "help" for the full topic list.`,
      this.examples(),
    );
  }

  private refs(ids: readonly string[]): TopicRef[] {
    return ids.flatMap((id) => {
      const topic = this.state.knowledge.byId.get(id);
      return topic ? [toRef(topic)] : [];
    });
  }

  /** The identity's featured topics: what the bot offers when it could not answer. */
  private examples(): TopicRef[] {
    return this.refs(this.state.identity.featured);
  }

  /** What "help" gets: how to ask and every topic (App Home, help commands), without asking anything. */
  help(): InfoReply {
    return this.info('smalltalk', smalltalkText(this.state.identity, 'help'), this.topics());
  }

  private info(kind: InfoReply['kind'], text: string, topics: TopicRef[]): InfoReply {
    return { kind, text, topics };
  }

  /**
   * Topics for a picker or autocomplete as the user types: exact id first, then the matcher's
   * ranking for full questions, merged with fuzzy matches on ids, titles and keywords for partial words.
   */
  suggest(text: string, limit: number): RankedTopic[] {
    const query = cleanText(text).trim().slice(0, MAX_QUESTION_CHARS);
    const { knowledge, matcher, fuse } = this.state;
    if (query === '') return knowledge.topics.slice(0, limit).map((topic) => ({ ...toRef(topic), confidence: 0 }));
    const scores = new Map<string, number>();
    const exact = knowledge.byId.get(query.toLowerCase());
    if (exact) scores.set(exact.id, 2);
    for (const { topicId, confidence } of matcher.rank(query, limit)) {
      if (confidence >= 0.05) scores.set(topicId, Math.max(scores.get(topicId) ?? 0, confidence));
    }
    for (const hit of fuse.search(query.slice(0, 64), { limit })) {
      const confidence = 0.9 * (1 - (hit.score ?? 1));
      scores.set(hit.item.id, Math.max(scores.get(hit.item.id) ?? 0, confidence));
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .flatMap(([id, confidence]) => {
        const topic = knowledge.byId.get(id);
        return topic ? [{ ...toRef(topic), confidence: Math.min(1, confidence) }] : [];
      });
  }

  /** A topic by id, or the closest by words: for a moderator's link command. */
  find(idOrWords: string): Topic | null {
    const query = cleanText(idOrWords).trim();
    const exact = this.state.knowledge.byId.get(query.toLowerCase());
    if (exact) return exact;
    const match = this.state.matcher.match(query);
    if (match.outcome === 'answer' && match.topicId) return this.topic(match.topicId) ?? null;
    const [best] = this.suggest(query, 1);
    return best && best.confidence >= 0.5 ? (this.topic(best.id) ?? null) : null;
  }
}

function toRef(topic: Topic): TopicRef {
  return { id: topic.id, title: topic.title };
}
