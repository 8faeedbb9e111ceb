import { normalize, STOPWORDS } from '../text/normalize.js';
import { SpellingIndex } from '../text/spelling.js';
import type { KnowledgeBase, MatchResult, Suggestion, Topic } from '../types.js';
import { DEFAULT_FEATURE_WEIGHTS, type FeatureWeights } from './features.js';
import { LinearModel, type Scores, type TrainingExample } from './model.js';
import { detectSmalltalk } from './smalltalk.js';

export interface MatcherOptions {
  features: FeatureWeights;
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weight of a topic's title and keywords as training examples (its questions weigh 1). */
  titleWeight: number;
  keywordWeight: number;
  /** Answer at or above this confidence (and with a clear margin over the runner-up). */
  answerThreshold: number;
  /** Below this confidence the question is off-topic; between the two, clarify. */
  clarifyThreshold: number;
  /** Answer only when the best topic's confidence is this much above the second's. */
  minMargin: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  features: DEFAULT_FEATURE_WEIGHTS,
  epochs: 2,
  learningRate: 4,
  l2: 0,
  titleWeight: 1,
  keywordWeight: 0.5,
  answerThreshold: 0.5,
  clarifyThreshold: 0.25,
  minMargin: 0.1,
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
    this.spelling = new SpellingIndex(vocabulary);
    this.model = new LinearModel(examples, knowledge.topics.length, {
      features: this.options.features,
      epochs: this.options.epochs,
      learningRate: this.options.learningRate,
      l2: this.options.l2,
      seed: 42,
    });
  }

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

  private ranked(scores: Scores): Suggestion[] {
    const out: Suggestion[] = [];
    for (let c = 0; c < scores.probabilities.length; c++) {
      out.push({ topicId: this.topics[c]!.id, confidence: this.confidence(scores, c) });
    }
    return out.sort((a, b) => b.confidence - a.confidence || a.topicId.localeCompare(b.topicId));
  }

  /** Confidence in [0, 1] for class c. */
  private confidence(scores: Scores, c: number): number {
    const value = scores.probabilities[c]!;
    return Math.min(1, Math.max(0, value));
  }

  match(question: string): MatchResult {
    const analysis = this.analyze(question);
    const smalltalk = detectSmalltalk(analysis.tokens);
    if (smalltalk !== null) {
      return { outcome: 'smalltalk', topicId: null, confidence: 1, suggestions: [], smalltalk };
    }
    if (analysis.tokens.length === 0 || this.topics.length === 0) {
      return { outcome: 'fallback', topicId: null, confidence: 0, suggestions: [] };
    }
    const ranked = this.ranked(analysis.scores);
    const best = ranked[0]!;
    const second = ranked[1];
    const margin = best.confidence - (second?.confidence ?? 0);
    const { answerThreshold, clarifyThreshold, minMargin } = this.options;
    const round = (s: Suggestion): Suggestion => ({ topicId: s.topicId, confidence: Number(s.confidence.toFixed(4)) });
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
