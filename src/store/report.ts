import { normalize, stem, STOPWORDS } from '../text/normalize.js';
import type { CareerStore, ChannelAutoReplies, StoredQuestion, UnansweredOutcome } from './store.js';

/**
 * The moderators' report as a neutral structure: what people asked that the bot could not answer
 * (grouped by similarity), feedback per topic, and the most asked topics. The terminal, Slack and
 * Discord each render it their own way.
 */

export const DEFAULT_REPORT_DAYS = 30;
export const MAX_REPORT_DAYS = 3650;
const DAY_MS = 86_400_000;

/** Questions worded alike enough (token-set Jaccard over stemmed content words) count as one. */
export const SIMILARITY_THRESHOLD = 0.6;

export interface QuestionGroup {
  /** The most frequent wording in the group. */
  text: string;
  count: number;
  /** How many got "Did you mean" and how many the off-topic fallback. */
  outcomes: Record<UnansweredOutcome, number>;
  /** Other wordings in the group, most frequent first (a few). */
  variants: string[];
  lastAt: number;
}

export interface TopicLine {
  topicId: string;
  /** The topic's title, when the topic still exists. */
  title: string | undefined;
}

export interface Report {
  days: number;
  since: number;
  until: number;
  totals: {
    unanswered: number;
    clarified: number;
    answered: number;
    feedbackUp: number;
    feedbackDown: number;
    moderatorLinks: number;
    learnedPhrasings: number;
  };
  questions: QuestionGroup[];
  feedback: (TopicLine & { up: number; down: number })[];
  topics: (TopicLine & { count: number })[];
  /** Automatic replies per channel (issue 13): posted, feedback, removals, solved; busiest first. */
  autoReplies: ChannelAutoReplies[];
}

export interface ReportOptions {
  days?: number | undefined;
  now?: number | undefined;
  /** Rows per section. */
  limit?: number | undefined;
  /** Titles for topic ids (the bot's current knowledge). */
  titleOf?: ((topicId: string) => string | undefined) | undefined;
}

/** The words that carry a question's meaning: stemmed, without stopwords (all words when nothing is left). */
export function contentTokens(text: string): Set<string> {
  const { tokens } = normalize(text);
  const content = tokens.filter((token) => !STOPWORDS.has(token));
  return new Set((content.length > 0 ? content : tokens).map(stem));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const token of a) if (b.has(token)) shared += 1;
  return shared / (a.size + b.size - shared);
}

interface Bucket {
  texts: Map<string, number>;
  count: number;
  outcomes: Record<UnansweredOutcome, number>;
  lastAt: number;
  tokens: Set<string>;
}

function byFrequency(texts: Map<string, number>): string[] {
  return [...texts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([text]) => text);
}

/**
 * Same normalised text first, then greedily by similarity: each wording joins the first (largest)
 * group whose leading wording it resembles, or starts its own.
 */
export function groupQuestions(questions: readonly StoredQuestion[], threshold = SIMILARITY_THRESHOLD): QuestionGroup[] {
  const buckets = new Map<string, Bucket>();
  for (const question of questions) {
    const key = normalize(question.text).text;
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        texts: new Map(),
        count: 0,
        outcomes: { clarify: 0, fallback: 0 },
        lastAt: 0,
        tokens: contentTokens(question.text),
      };
      buckets.set(key, bucket);
    }
    bucket.texts.set(question.text, (bucket.texts.get(question.text) ?? 0) + 1);
    bucket.count += 1;
    bucket.outcomes[question.outcome] += 1;
    bucket.lastAt = Math.max(bucket.lastAt, question.at);
  }
  const ordered = [...buckets.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
  const groups: Bucket[] = [];
  for (const bucket of ordered) {
    const home = groups.find((group) => jaccard(group.tokens, bucket.tokens) >= threshold);
    if (!home) {
      groups.push({ ...bucket, texts: new Map(bucket.texts), outcomes: { ...bucket.outcomes } });
      continue;
    }
    for (const [text, count] of bucket.texts) home.texts.set(text, (home.texts.get(text) ?? 0) + count);
    home.count += bucket.count;
    home.outcomes.clarify += bucket.outcomes.clarify;
    home.outcomes.fallback += bucket.outcomes.fallback;
    home.lastAt = Math.max(home.lastAt, bucket.lastAt);
  }
  return groups
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt)
    .map((group) => {
      const [text = '', ...variants] = byFrequency(group.texts);
      return { text, count: group.count, outcomes: group.outcomes, variants: variants.slice(0, 3), lastAt: group.lastAt };
    });
}

/** Read the store and build the report for the last `days` days. */
export async function buildReport(store: CareerStore, options: ReportOptions = {}): Promise<Report> {
  const days = Math.min(MAX_REPORT_DAYS, Math.max(1, Math.floor(options.days ?? DEFAULT_REPORT_DAYS)));
  const until = options.now ?? Date.now();
  const since = until - days * DAY_MS;
  const limit = options.limit ?? 10;
  const titleOf = options.titleOf ?? (() => undefined);
  const [questions, feedback, answered, moderatorLinks, learned, autoReplies] = await Promise.all([
    store.questionsSince(since),
    store.feedbackSince(since),
    store.answeredSince(since),
    store.moderatorLinksSince(since),
    store.learnedPhrasings(),
    store.autoRepliesSince(since),
  ]);
  const clarified = questions.filter((question) => question.outcome === 'clarify').length;
  return {
    days,
    since,
    until,
    totals: {
      unanswered: questions.length - clarified,
      clarified,
      answered: answered.reduce((sum, topic) => sum + topic.count, 0),
      feedbackUp: feedback.reduce((sum, topic) => sum + topic.up, 0),
      feedbackDown: feedback.reduce((sum, topic) => sum + topic.down, 0),
      moderatorLinks,
      learnedPhrasings: learned.length,
    },
    questions: groupQuestions(questions).slice(0, limit),
    feedback: feedback.slice(0, limit).map((line) => ({ ...line, title: titleOf(line.topicId) })),
    topics: answered.slice(0, limit).map((line) => ({ ...line, title: titleOf(line.topicId) })),
    autoReplies: autoReplies.slice(0, limit),
  };
}
