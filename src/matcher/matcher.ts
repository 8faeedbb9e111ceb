import { normalize, STOPWORDS } from '../text/normalize.js';
import { SpellingIndex } from '../text/spelling.js';
import type { KnowledgeBase, MatchResult, Suggestion, Topic } from '../types.js';
import { DEFAULT_FEATURE_WEIGHTS, type FeatureWeights } from './features.js';
import { readCachedModel, writeCachedModel } from './cache.js';
import { LinearModel, type ModelOptions, type Scores, type TrainingExample } from './model.js';
import { detectSmalltalk } from './smalltalk.js';

/** Sentences of a long message matched on their own, at most. */
const MAX_SENTENCES = 8;

export interface MatcherOptions {
  features: FeatureWeights;
  epochs: number;
  learningRate: number;
  minUpdates: number;
  /** Weight of a topic's title and keywords as training examples (its questions weigh 1). */
  titleWeight: number;
  keywordWeight: number;
  /** Answer at or above this confidence (and with a clear margin over the runner-up). */
  answerThreshold: number;
  /** Below this confidence the question is off-topic; between the two, clarify. */
  clarifyThreshold: number;
  /** Answer only when the best topic's confidence is this much above the second's. */
  minMargin: number;
  /** Total training weight of the out-of-scope class, in units of an average topic's weight. */
  outOfScopeWeight: number;
  /**
   * Where trained weights are cached, keyed by a hash of everything training depends on (the
   * examples, the options and the training code), so a restart with the same knowledge skips training.
   * Undefined: no cache.
   */
  cacheDir?: string | undefined;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  features: DEFAULT_FEATURE_WEIGHTS,
  epochs: 3,
  learningRate: 4,
  minUpdates: 20_000,
  titleWeight: 1,
  keywordWeight: 0.5,
  answerThreshold: 0.25,
  clarifyThreshold: 0.15,
  minMargin: 0.02,
  outOfScopeWeight: 20,
};

/** A phrasing learned at run time (issue: moderators' links teach the matcher). */
export interface ExtraPhrasing {
  topicId: string;
  text: string;
}

export interface Analysis {
  tokens: string[];
  corrected: string[];
  scores: Scores;
}

export class Matcher {
  readonly topics: readonly Topic[];
  private readonly model: LinearModel;
  private readonly spelling: SpellingIndex;
  private readonly options: MatcherOptions;
  private readonly hasOutOfScope: boolean;

  constructor(knowledge: KnowledgeBase, options: Partial<MatcherOptions> = {}, extra: readonly ExtraPhrasing[] = []) {
    this.options = { ...DEFAULT_MATCHER_OPTIONS, ...options };
    this.topics = knowledge.topics;
    const labelOf = new Map(knowledge.topics.map((topic, i) => [topic.id, i]));
    const examples: TrainingExample[] = [];
    const vocabulary: string[] = [];
    const addExample = (text: string, label: number, weight: number) => {
      const { tokens } = normalize(text);
      if (tokens.length === 0) return;
      examples.push({ tokens, label, weight });
      vocabulary.push(...tokens);
    };
    knowledge.topics.forEach((topic, label) => {
      for (const question of topic.questions) addExample(question, label, 1);
      addExample(topic.title, label, this.options.titleWeight);
      for (const keyword of topic.keywords) addExample(keyword, label, this.options.keywordWeight);
    });
    for (const phrasing of extra) {
      const label = labelOf.get(phrasing.topicId);
      if (label !== undefined) addExample(phrasing.text, label, 1);
    }
    const outOfScopeLabel = knowledge.topics.length;
    const topicWeight = examples.reduce((sum, example) => sum + example.weight, 0) / Math.max(1, knowledge.topics.length);
    // The knowledge's out-of-scope phrasings become one extra "none of the topics" class, so that
    // questions about everything else have somewhere to go besides the nearest topic.
    const outOfScope = knowledge.outOfScope.map((text) => normalize(text).tokens).filter((tokens) => tokens.length > 0);
    // Typo repair towards the knowledge's words; the out-of-scope words are real words too, so they are
    // left alone ("watching" is not a typo of "caching") and can be the correction themselves.
    this.spelling = new SpellingIndex(vocabulary, outOfScope.flat());
    // Balanced against the topics, so a large generic corpus does not swamp a small knowledge base.
    const outOfScopeWeight = Math.min(1, (topicWeight * this.options.outOfScopeWeight) / Math.max(1, outOfScope.length));
    for (const tokens of outOfScope) examples.push({ tokens, label: outOfScopeLabel, weight: outOfScopeWeight });
    this.hasOutOfScope = outOfScope.length > 0;
    const classCount = knowledge.topics.length + (this.hasOutOfScope ? 1 : 0);
    const modelOptions: ModelOptions = {
      features: this.options.features,
      epochs: this.options.epochs,
      learningRate: this.options.learningRate,
      minUpdates: this.options.minUpdates,
      alwaysCandidate: this.hasOutOfScope ? outOfScopeLabel : -1,
      seed: 42,
    };
    const cached = this.options.cacheDir ? readCachedModel(this.options.cacheDir, examples, classCount, modelOptions) : null;
    this.fromCache = cached !== null && cached.model !== null;
    this.model = cached?.model ?? LinearModel.train(examples, classCount, modelOptions);
    if (cached && !this.fromCache) this.cacheError = writeCachedModel(cached.file, this.model);
  }

  /** True when the trained weights came from the cache instead of training. */
  readonly fromCache: boolean;
  /** Why the trained weights could not be cached (null when they were, or no cache is used). */
  readonly cacheError: string | null = null;

  get featureCount(): number {
    return this.model.featureCount;
  }

  /** Normalise, repair typos against the knowledge vocabulary, and score every topic. */
  analyze(question: string): Analysis {
    const { tokens } = normalize(question);
    const corrected = tokens.map((token) => (STOPWORDS.has(token) ? token : (this.spelling.correct(token) ?? token)));
    return { tokens, corrected, scores: this.model.score(corrected) };
  }

  /** Topics ranked by confidence, best first, without any threshold: for pickers and autocomplete. */
  rank(question: string, limit: number): Suggestion[] {
    const analysis = this.analyze(question);
    return this.ranked(analysis.scores).slice(0, limit);
  }

  /** Topics by confidence, best first (out-of-scope class and unscored topics left out). */
  private ranked(scores: Scores): Suggestion[] {
    const out: Suggestion[] = [];
    const { classes, probabilities } = scores;
    for (let a = 0; a < classes.length; a++) {
      const topic = this.topics[classes[a]!];
      if (topic) out.push({ topicId: topic.id, confidence: Math.min(1, Math.max(0, probabilities[a]!)) });
    }
    return out.sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
  }

  /** Probability that the question is about none of the topics (0 without out-of-scope phrasings). */
  private outOfScopeProbability(scores: Scores): number {
    if (!this.hasOutOfScope) return 0;
    const at = scores.classes.indexOf(this.topics.length);
    return at >= 0 ? scores.probabilities[at]! : 0;
  }

  /**
   * Match a question. A message of several sentences ("Is SQL a backend language? For context, I am a
   * commerce student…") is also matched sentence by sentence, so context does not drown the question:
   * the most confident answer wins.
   */
  match(question: string): MatchResult {
    const whole = this.matchText(question);
    if (whole.outcome === 'answer' || whole.outcome === 'smalltalk') return whole;
    const sentences = question
      .split(/(?<=[.?!])\s+|\n+/)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence.length > 0);
    if (sentences.length < 2) return whole;
    let best = whole;
    for (const sentence of sentences.slice(0, MAX_SENTENCES)) {
      const result = this.matchText(sentence);
      if (result.outcome === 'answer' && (best.outcome !== 'answer' || result.confidence > best.confidence)) best = result;
    }
    return best;
  }

  private matchText(question: string): MatchResult {
    const analysis = this.analyze(question);
    const smalltalk = detectSmalltalk(analysis.tokens);
    if (smalltalk !== null) {
      return { outcome: 'smalltalk', topicId: null, confidence: 1, suggestions: [], smalltalk };
    }
    if (analysis.tokens.length === 0 || this.topics.length === 0) {
      return { outcome: 'fallback', topicId: null, confidence: 0, suggestions: [] };
    }
    const ranked = this.ranked(analysis.scores);
    const best = ranked[0] ?? { topicId: '', confidence: 0 };
    const outOfScope = this.outOfScopeProbability(analysis.scores);
    const second = ranked[1];
    const margin = best.confidence - (second?.confidence ?? 0);
    const { answerThreshold, clarifyThreshold, minMargin } = this.options;
    const round = (s: Suggestion): Suggestion => ({ topicId: s.topicId, confidence: Number(s.confidence.toFixed(4)) });
    if (outOfScope >= best.confidence) {
      // More like the things this knowledge does not cover than like any topic.
      return {
        outcome: 'fallback',
        topicId: null,
        confidence: round(best).confidence,
        suggestions: ranked.slice(0, 3).map(round),
      };
    }
    if (best.confidence >= answerThreshold && margin >= minMargin) {
      return {
        outcome: 'answer',
        topicId: best.topicId,
        confidence: round(best).confidence,
        suggestions: ranked.slice(0, 3).map(round),
      };
    }
    if (best.confidence >= clarifyThreshold) {
      const floor = Math.max(clarifyThreshold / 2, best.confidence / 4);
      const suggestions = ranked
        .slice(0, 3)
        .filter((s, i) => i === 0 || s.confidence >= floor)
        .map(round);
      return { outcome: 'clarify', topicId: null, confidence: round(best).confidence, suggestions };
    }
    return { outcome: 'fallback', topicId: null, confidence: round(best).confidence, suggestions: ranked.slice(0, 3).map(round) };
  }
}
