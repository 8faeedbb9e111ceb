import { normalize, normalizeKnowledgeText, stem, STOPWORDS } from '../text/normalize.js';
import { SpellingIndex } from '../text/spelling.js';
import { englishWords } from '../text/english.js';
import type { KnowledgeBase, MatchResult, Suggestion, Topic } from '../types.js';
import { DEFAULT_FEATURE_WEIGHTS, type FeatureWeights } from './features.js';
import { readCachedModel, writeCachedModel } from './cache.js';
import { LinearModel, type ModelOptions, type Scores, type TrainingExample } from './model.js';
import { coreWords, detectOffTopic, namesOtherRole } from './off-topic.js';
import { detectSmalltalk } from './smalltalk.js';
import type { CareerbotError } from '../errors.js';

/**
 * The out-of-scope class weighs at most this share of all topics together. With 20 average topics'
 * weight whatever the size, a 15-topic bank FAQ had an out-of-scope class heavier than all its topics
 * and declined its own questions (npm run eval:bank, with the out-of-scope filter's neighbours: 65.1%
 * to 65.8% answered right, 99.0% declined either way); the career knowledge (34 topics) and CLINC150
 * (150) keep their 20.
 */
const OUT_OF_SCOPE_SHARE = 0.6;
/** Sentences of a long message matched on their own, at most. */
const MAX_SENTENCES = 8;
/** A follow-up answered on its own at least this confidently ignores the conversation. */
const FOLLOW_UP_KEEP = 0.6;
/** In a follow-up, the share of the follow-up read alone (the rest: read with the turn before it). */
const FOLLOW_UP_ALONE_SHARE = 0.5;
/** A second question in the same message is offered when answered at least this confidently. */
const ALSO_THRESHOLD = 0.5;

/**
 * What the conversation answered before, most recent first: topic ids only (no text is kept). A
 * follow-up is read together with the previous topic's title.
 */
export interface MatchContext {
  previousTopics?: readonly string[] | undefined;
}

interface Distribution {
  tokens: string[];
  ranked: Suggestion[];
  outOfScope: number;
  /** Topics whose glossary terms the text names. */
  termTopics: ReadonlySet<string>;
}

/** `share` of `a` and the rest of `b`, topic by topic. */
function mix(a: Distribution, b: Distribution, share: number): Distribution {
  const scores = new Map<string, number>();
  for (const s of a.ranked) scores.set(s.topicId, share * s.confidence);
  for (const s of b.ranked) scores.set(s.topicId, (scores.get(s.topicId) ?? 0) + (1 - share) * s.confidence);
  const ranked = [...scores]
    .map(([topicId, confidence]) => ({ topicId, confidence }))
    .sort((x, y) => y.confidence - x.confidence || x.topicId.localeCompare(y.topicId));
  return {
    tokens: b.tokens,
    ranked,
    outOfScope: share * a.outOfScope + (1 - share) * b.outOfScope,
    termTopics: new Set([...a.termTopics, ...b.termTopics]),
  };
}

/**
 * The questions of a message: its sentences, and the clauses of a sentence joined by "and" / "also"
 * when both halves are long enough to be questions ("what is an api and how much do backend devs earn").
 */
export function splitQuestions(message: string): string[] {
  const sentences = message
    .split(/(?<=[.?!])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
  const parts: string[] = [];
  for (const sentence of sentences) {
    parts.push(sentence);
    const clauses = sentence.split(
      /,\s*|\s+(?:and also|and|also|plus|aur)\s+(?=(?:how|what|which|where|when|why|is|are|do|does|can|should|kya|kaise|kitni|kitna)\b)/i,
    );
    if (clauses.length > 1 && clauses.every((c) => c.trim().split(/\s+/).length >= 2)) {
      parts.push(...clauses.map((c) => c.trim()).filter((c) => c.split(/\s+/).length >= 3));
    }
  }
  return sentences.length < 2 && parts.length < 2 ? [] : [...new Set(parts)];
}

const FOLLOW_UP_OPENERS = new Set(['and', 'or', 'also', 'plus', 'then', 'so', 'ok', 'okay', 'wait', 'but']);
const FOLLOW_UP_SECOND = new Set(['about', 'abt', 'if']);
const ANAPHORA = new Set(
  'it its that this those these them they there same one ones usse uske iske isse isme usme wo woh ye yeh unka inka'.split(' '),
);

/**
 * How much a message leans on the turn before it: `strong` when it opens like a follow-up ("and in
 * the US?", "what about frameworks?", "aur github?"), `weak` when it points back ("how long will
 * that take", "which one pays more") or is only a word or two, null for a full question.
 */
export function followUpCue(tokens: readonly string[]): 'strong' | 'weak' | null {
  const [first, second] = tokens;
  if (first === undefined) return null;
  if (FOLLOW_UP_OPENERS.has(first)) return 'strong';
  if ((first === 'what' || first === 'how') && second !== undefined && FOLLOW_UP_SECOND.has(second)) return 'strong';
  if (tokens.some((token) => ANAPHORA.has(token))) return 'weak';
  return tokens.filter((token) => !STOPWORDS.has(token)).length <= 2 ? 'weak' : null;
}

/** A long message made of one or two words over and over ("backend backend backend…") says nothing. */
export function isJunk(tokens: readonly string[]): boolean {
  if (tokens.length < 8) return false;
  const distinct = new Set(tokens).size;
  return distinct <= 2 || distinct / tokens.length < 0.2;
}

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
   * When the question names the best topic's glossary term, it is off-topic only if the out-of-scope
   * class is at least this many times as likely as that topic (otherwise: at least as likely).
   */
  outOfScopeRatio: number;
  /**
   * A topic's glossary term in the question multiplies that topic's probability by e^termBoost
   * (then renormalised): "orm" is about databases however the rest of the message reads. 0: off.
   */
  termBoost: number;
  /**
   * Seed of the training order (SGD shuffles the examples each pass): the same knowledge and seed
   * always give the same model. Single runs move by 1-3 points with it on small sets, so
   * `npm run eval -- --seeds N` measures a change over several.
   */
  seed: number;
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
  outOfScopeRatio: 2,
  termBoost: 1,
  seed: 42,
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
  /** Topics whose glossary terms the question names. */
  termTopics: ReadonlySet<string>;
}

export class Matcher {
  readonly topics: readonly Topic[];
  private readonly topicsById: ReadonlyMap<string, Topic>;
  private readonly model: LinearModel;
  private readonly spelling: SpellingIndex;
  private readonly options: MatcherOptions;
  private readonly hasOutOfScope: boolean;
  /** Words only the out-of-scope phrasings use ("joke", "weather"): a follow-up with one is not about the topic. */
  private readonly offTopicWords: ReadonlySet<string>;
  private readonly topicWords: ReadonlySet<string>;
  /** Words in nearly every topic ("backend"): a question about another role without them is off-topic. */
  private readonly coreWords: ReadonlySet<string>;

  /** Each topic's distinctive glossary terms as stem sequences, by topic label. */
  /** The glossary's terms as stem runs, indexed by their first stem (a lookup per word, not a scan). */
  private readonly terms: ReadonlyMap<string, readonly GlossaryTerm[]>;

  constructor(knowledge: KnowledgeBase, options: Partial<MatcherOptions> = {}, extra: readonly ExtraPhrasing[] = []) {
    this.options = { ...DEFAULT_MATCHER_OPTIONS, ...options };
    this.topics = knowledge.topics;
    this.topicsById = knowledge.byId;
    const labelOf = new Map(knowledge.topics.map((topic, i) => [topic.id, i]));
    const examples: TrainingExample[] = [];
    const vocabulary: string[] = [];
    const addExample = (text: string, label: number, weight: number): readonly string[] => {
      const { tokens } = normalizeKnowledgeText(text);
      if (tokens.length === 0) return tokens;
      examples.push({ tokens, label, weight });
      vocabulary.push(...tokens);
      return tokens;
    };
    // Each topic's words from its questions and title, for the core words.
    const perTopic: string[][] = [];
    const termExamples: [string, number][] = [];
    knowledge.topics.forEach((topic, label) => {
      const words: string[] = [];
      for (const question of topic.questions) words.push(...addExample(question, label, 1));
      words.push(...addExample(topic.title, label, this.options.titleWeight));
      perTopic.push(words);
      for (const keyword of topic.keywords) addExample(keyword, label, this.options.keywordWeight);
      for (const term of topic.terms) termExamples.push([term, label]);
    });
    for (const phrasing of extra) {
      const label = labelOf.get(phrasing.topicId);
      if (label !== undefined) addExample(phrasing.text, label, 1);
    }
    const outOfScopeLabel = knowledge.topics.length;
    const topicWeight = examples.reduce((sum, example) => sum + example.weight, 0) / Math.max(1, knowledge.topics.length);
    // Glossary terms are learned like keywords, but added after the average topic's weight is taken: a
    // long glossary should not make the out-of-scope class (weighed in average topics) heavier.
    for (const [term, label] of termExamples) addExample(term, label, this.options.keywordWeight);
    // The knowledge's out-of-scope phrasings become one extra "none of the topics" class, so that
    // questions about everything else have somewhere to go besides the nearest topic.
    const outOfScope = knowledge.outOfScope
      .map((text) => normalizeKnowledgeText(text).tokens)
      .filter((tokens) => tokens.length > 0);
    // Typo repair towards the knowledge's words; the out-of-scope words are real words too, so they are
    // left alone ("watching" is not a typo of "caching") and can be the correction themselves.
    // The dictionary is read at the first word that needs repair, not at start-up.
    this.spelling = new SpellingIndex(vocabulary, outOfScope.flat(), { has: (word) => englishWords().has(word) });
    this.topicWords = new Set(vocabulary);
    this.coreWords = coreWords(perTopic, STOPWORDS);
    this.terms = glossary(knowledge, this.coreWords);
    this.offTopicWords = new Set(outOfScope.flat().filter((word) => !this.topicWords.has(word) && !STOPWORDS.has(word)));
    // Balanced against the topics, so a large generic corpus does not swamp a small knowledge base: at
    // most `outOfScopeWeight` average topics, and at most OUT_OF_SCOPE_SHARE of all topics together.
    const units = Math.min(this.options.outOfScopeWeight, OUT_OF_SCOPE_SHARE * knowledge.topics.length);
    const outOfScopeWeight = Math.min(1, (topicWeight * units) / Math.max(1, outOfScope.length));
    for (const tokens of outOfScope) examples.push({ tokens, label: outOfScopeLabel, weight: outOfScopeWeight });
    this.hasOutOfScope = outOfScope.length > 0;
    const classCount = knowledge.topics.length + (this.hasOutOfScope ? 1 : 0);
    const modelOptions: ModelOptions = {
      features: this.options.features,
      epochs: this.options.epochs,
      learningRate: this.options.learningRate,
      minUpdates: this.options.minUpdates,
      alwaysCandidate: this.hasOutOfScope ? outOfScopeLabel : -1,
      seed: this.options.seed,
    };
    const cached = this.options.cacheDir ? readCachedModel(this.options.cacheDir, examples, classCount, modelOptions) : null;
    this.fromCache = cached !== null && cached.model !== null;
    this.model = cached?.model ?? LinearModel.train(examples, classCount, modelOptions);
    if (cached && !this.fromCache) this.cacheError = writeCachedModel(cached.file, this.model);
    // The typo index is not needed to answer a question whose words the knowledge knows: it is built
    // once the constructor has returned (while the adapters connect), or by the first unknown word.
    setImmediate(() => this.spelling.prepare()).unref();
  }

  /** True when the trained weights came from the cache instead of training. */
  readonly fromCache: boolean;
  /** Why the trained weights could not be cached (null when they were, or no cache is used). */
  readonly cacheError: CareerbotError | null = null;

  get featureCount(): number {
    return this.model.featureCount;
  }

  /** Normalise, repair typos against the knowledge vocabulary, and score every topic. */
  analyze(question: string): Analysis {
    const { tokens } = normalize(question);
    const corrected = tokens.map((token) => (STOPWORDS.has(token) ? token : (this.spelling.correct(token) ?? token)));
    const scored = withoutLeadingFillers(corrected);
    const hit = this.termLabels(scored);
    const termTopics = new Set([...hit].map((label) => this.topics[label]!.id));
    return { tokens, corrected, scores: this.boostTerms(hit, this.model.score(scored)), termTopics };
  }

  /** The labels of the topics whose glossary terms occur in `tokens` (as consecutive stems). */
  private termLabels(tokens: readonly string[]): Set<number> {
    const hit = new Set<number>();
    if (this.terms.size === 0) return hit;
    const stems = tokens.map(stem);
    stems.forEach((first, i) => {
      for (const term of this.terms.get(first) ?? []) if (startsRunAt(stems, i, term.stems)) hit.add(term.label);
    });
    return hit;
  }

  /** Topics whose glossary terms the text contains get e^termBoost times their probability. */
  private boostTerms(hit: ReadonlySet<number>, scores: Scores): Scores {
    if (this.options.termBoost === 0 || hit.size === 0) return scores;
    const factor = Math.exp(this.options.termBoost);
    const probabilities = Float64Array.from(scores.probabilities);
    // Only the topics' share is redistributed: a term says which topic, not whether the question is
    // about the knowledge at all ("weather in bangalore" names a salary term and is still off-topic).
    const outOfScope = this.topics.length;
    let before = 0;
    let after = 0;
    for (let a = 0; a < probabilities.length; a++) {
      if (scores.classes[a] === outOfScope) continue;
      before += probabilities[a]!;
      if (hit.has(scores.classes[a]!)) probabilities[a]! *= factor;
      after += probabilities[a]!;
    }
    const scale = after > 0 ? before / after : 1;
    for (let a = 0; a < probabilities.length; a++) if (scores.classes[a] !== outOfScope) probabilities[a]! *= scale;
    return { classes: scores.classes, probabilities };
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
   * Match a message. A message of several sentences ("Is SQL a backend language? For context, I am a
   * commerce student…") is also matched sentence by sentence, so context does not drown the question:
   * the most confident answer wins, and a second question on another topic is reported in `also`.
   * With the topics the conversation answered before, a follow-up that cannot stand alone ("and in
   * the US?") is read together with the previous topic; a question that stands alone is answered on
   * its own merits.
   */
  match(question: string, context: MatchContext = {}): MatchResult {
    const standalone = this.matchMessage(question);
    const previous = this.topicsById.get(context.previousTopics?.[0] ?? '');
    if (!previous || standalone.outcome === 'smalltalk' || standalone.junk || standalone.declined) return standalone;
    const alone = this.distribution(question);
    const cue = followUpCue(alone.tokens);
    // "and with qa?": a strong opener and hardly anything else is the previous question about something
    // else, however surely the few words alone point to a topic of their own.
    const echo = cue === 'strong' && alone.tokens.filter((t) => !STOPWORDS.has(t)).length <= 2;
    if (!echo && standalone.outcome === 'answer' && standalone.confidence >= FOLLOW_UP_KEEP) return standalone;
    // A standalone answer gives way only to a message that opens as a follow-up.
    if (cue === null || (cue === 'weak' && standalone.outcome === 'answer')) return standalone;
    if (this.onlyOffTopicWords(alone.tokens)) return standalone;
    if (namesOtherRole(question, alone.tokens, this.coreWords)) {
      // "and a data scientist?" after a career question: the same question about another career.
      return { outcome: 'fallback', topicId: null, confidence: 0, suggestions: [], declined: 'other-profession' };
    }
    if (
      !alone.tokens.some((token) => !STOPWORDS.has(token) && this.topicWords.has(token)) &&
      !alone.tokens.some((t) => ANAPHORA.has(t))
    ) {
      return standalone; // "lol": nothing in it is about any topic, and nothing points back
    }
    const joint = this.distribution(`${previous.title}\n${question}`);
    const mixed = mix(alone, joint, FOLLOW_UP_ALONE_SHARE);
    // "and for bca?" opens as a follow-up: it is about the conversation, not about everything else.
    if (cue === 'strong') mixed.outOfScope = 0;
    // "how long will that take": alone, it is about nothing, so only the joint reading says whether
    // the conversation is off-topic.
    else mixed.outOfScope = joint.outOfScope;
    const result = this.decide(mixed);
    if (result.outcome !== 'answer') return standalone;
    if (!echo && standalone.outcome === 'answer' && standalone.confidence >= result.confidence) return standalone;
    return { ...result, fromContext: true };
  }

  /** True when the text's content words include words only off-topic phrasings use, and no topic's word. */
  private onlyOffTopicWords(tokens: readonly string[]): boolean {
    let offTopic = false;
    for (const token of tokens) {
      if (STOPWORDS.has(token)) continue;
      if (this.offTopicWords.has(token)) offTopic = true;
      else if (this.topicWords.has(token)) return false;
    }
    return offTopic;
  }

  /** A whole message: junk check, then whole text, then sentence by sentence. */
  private matchMessage(question: string): MatchResult {
    const whole = this.matchText(question);
    if (whole.outcome === 'smalltalk' || whole.junk || whole.declined) return whole;
    const parts = splitQuestions(question);
    if (parts.length < 2) return whole;
    let best = whole.outcome === 'answer' ? whole : null;
    const answers: MatchResult[] = [];
    for (const part of parts.slice(0, MAX_SENTENCES)) {
      const result = this.matchText(part);
      if (result.outcome !== 'answer') continue;
      answers.push(result);
      if (best === null || result.confidence > best.confidence) best = result;
    }
    if (best === null) return whole;
    // Another part answered with another topic, confidently: the message asked two things.
    const also = answers
      .filter((r) => r.topicId !== best.topicId && r.confidence >= ALSO_THRESHOLD)
      .sort((a, b) => b.confidence - a.confidence)
      .filter((r, i, all) => all.findIndex((o) => o.topicId === r.topicId) === i)
      .slice(0, 1)
      .map((r) => ({ topicId: r.topicId!, confidence: r.confidence }));
    return also.length > 0 ? { ...best, also } : best;
  }

  /** The topics' probabilities for a text, best first, with the out-of-scope class's. */
  private distribution(text: string): Distribution {
    const analysis = this.analyze(text);
    return {
      tokens: analysis.tokens,
      ranked: this.ranked(analysis.scores),
      outOfScope: this.outOfScopeProbability(analysis.scores),
      termTopics: analysis.termTopics,
    };
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
    if (isJunk(analysis.tokens)) return { outcome: 'fallback', topicId: null, confidence: 0, suggestions: [], junk: true };
    const declined = detectOffTopic(question, analysis.tokens, this.coreWords);
    if (declined !== null) return { outcome: 'fallback', topicId: null, confidence: 0, suggestions: [], declined };
    return this.decide({
      tokens: analysis.tokens,
      ranked: this.ranked(analysis.scores),
      outOfScope: this.outOfScopeProbability(analysis.scores),
      termTopics: analysis.termTopics,
    });
  }

  /** Answer, clarify or fall back, from the topics' probabilities. */
  private decide({ ranked, outOfScope, termTopics }: Distribution): MatchResult {
    const best = ranked[0] ?? { topicId: '', confidence: 0 };
    const second = ranked[1];
    const margin = best.confidence - (second?.confidence ?? 0);
    const { answerThreshold, clarifyThreshold, minMargin } = this.options;
    const round = (s: Suggestion): Suggestion => ({ topicId: s.topicId, confidence: Number(s.confidence.toFixed(4)) });
    const top = ranked.slice(0, 3).map(round);
    // A topic named by its glossary term is in the knowledge's domain: the out-of-scope class then has
    // to be clearly likelier ("code review etiquette, how long should a PR sit" is about collaboration).
    const ratio = termTopics.has(best.topicId) ? this.options.outOfScopeRatio : 1;
    if (outOfScope >= best.confidence * ratio) {
      // More like the things this knowledge does not cover than like any topic.
      return { outcome: 'fallback', topicId: null, confidence: round(best).confidence, suggestions: top, offTopic: true };
    }
    if (best.confidence >= answerThreshold && margin >= minMargin) {
      return { outcome: 'answer', topicId: best.topicId, confidence: round(best).confidence, suggestions: top };
    }
    if (best.confidence >= clarifyThreshold) {
      const floor = Math.max(clarifyThreshold / 2, best.confidence / 4);
      const suggestions = top.filter((s, i) => i === 0 || s.confidence >= floor);
      return { outcome: 'clarify', topicId: null, confidence: round(best).confidence, suggestions };
    }
    return { outcome: 'fallback', topicId: null, confidence: round(best).confidence, suggestions: top };
  }
}

interface GlossaryTerm {
  stems: string[];
  label: number;
}

/** True when `run` occurs in `stems` as consecutive items from position `at`. */
function startsRunAt(stems: readonly string[], at: number, run: readonly string[]): boolean {
  if (at + run.length > stems.length) return false;
  for (let j = 0; j < run.length; j++) if (stems[at + j] !== run[j]) return false;
  return true;
}

/**
 * The knowledge's glossary: each topic's terms that belong to it alone (a term two topics list, or one
 * made only of core words such as "backend" and stopwords, points nowhere in particular).
 */
function glossary(knowledge: KnowledgeBase, core: ReadonlySet<string>): Map<string, GlossaryTerm[]> {
  const owners = new Map<string, Set<number>>();
  knowledge.topics.forEach((topic, label) => {
    for (const term of topic.terms) {
      const { tokens } = normalizeKnowledgeText(term);
      if (tokens.length === 0 || tokens.every((t) => STOPWORDS.has(t) || core.has(t))) continue;
      const key = tokens.map(stem).join(' ');
      let set = owners.get(key);
      if (!set) owners.set(key, (set = new Set()));
      set.add(label);
    }
  });
  const byFirst = new Map<string, GlossaryTerm[]>();
  for (const [key, labels] of owners) {
    if (labels.size !== 1) continue;
    const stems = key.split(' ');
    const list = byFirst.get(stems[0]!) ?? [];
    list.push({ stems, label: [...labels][0]! });
    byFirst.set(stems[0]!, list);
  }
  return byFirst;
}

/** Words that open a chat message without saying what it is about ("ok then", "so", "wait"). */
const LEADING_FILLERS = new Set([
  'ok',
  'okay',
  'k',
  'so',
  'then',
  'and',
  'but',
  'also',
  'wait',
  'hmm',
  'well',
  'alright',
  'btw',
  'plus',
  'or',
  'oh',
  'um',
  'uh',
  'acha',
  'haan',
  'toh',
  'aur',
]);

/** The tokens without the fillers a message opens with (all of them when nothing else is left). */
function withoutLeadingFillers(tokens: readonly string[]): readonly string[] {
  let i = 0;
  while (i < tokens.length - 1 && LEADING_FILLERS.has(tokens[i]!)) i++;
  return i === 0 ? tokens : tokens.slice(i);
}
