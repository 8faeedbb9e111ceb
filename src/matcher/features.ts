import { stem, STOPWORDS } from '../text/normalize.js';

/**
 * Sparse text features: word stems, stem bigrams and character n-grams, each group weighted.
 * Words carry the meaning; bigrams carry word order ("how much" vs "how many"); character
 * n-grams catch morphology and the typos that the spelling index cannot repair.
 */

export interface FeatureWeights {
  word: number;
  /** Multiplier on `word` for stopwords. */
  stopword: number;
  bigram: number;
  char: number;
  /** Character n-gram lengths (within each word, padded with < and >). */
  charMin?: number;
  charMax?: number;
  /** Character n-grams over the whole text (words joined by a space) instead of within each word. */
  charAcross?: boolean;
  /** Raw tokens instead of stems for word and bigram features. */
  words?: boolean;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { word: 1.5, stopword: 0.5, bigram: 0.4, char: 0.35 };

const CHAR_MIN = 3;
const CHAR_MAX = 4;

/** What one token contributes, whatever its neighbours: built once per token and options, then reused. */
interface TokenFeatures {
  stemmed: string;
  /** `w stem` or `s stem`. */
  word: string;
  /** Its character n-gram names in order (with repeats), empty when the options take none per word. */
  chars: readonly string[];
}

/**
 * Per-token features by option set. Training extracts ~2,000 texts of the same few thousand words:
 * building each "c xyz" name once (instead of per occurrence) removes most of the string and garbage
 * churn, and the reused name strings keep their hash for the feature index's lookups.
 */
const tokenCache = new Map<string, Map<string, TokenFeatures>>();
const TOKEN_CACHE_LIMIT = 50_000;

function tokenFeatures(
  token: string,
  weights: FeatureWeights,
  charMin: number,
  charMax: number,
  cache: Map<string, TokenFeatures>,
): TokenFeatures {
  let features = cache.get(token);
  if (features !== undefined) return features;
  const stemmed = weights.words ? token : stem(token);
  const chars: string[] = [];
  if (weights.char > 0 && !weights.charAcross && token.length >= charMin - 1 && token.length <= 30) {
    const padded = `<${token}>`;
    for (let n = charMin; n <= charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) chars.push(`c ${padded.slice(i, i + n)}`);
    }
  }
  features = { stemmed, word: STOPWORDS.has(token) ? `s ${stemmed}` : `w ${stemmed}`, chars };
  if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
  cache.set(token, features);
  return features;
}

/** A text's features: each feature id once, in order of first occurrence, and its term count. */
export interface FeatureCounts {
  ids: Int32Array;
  counts: Int32Array;
}

/** What a token's features are in one `FeatureSpace`: its names, and their ids once looked up. */
interface TokenIds {
  features: TokenFeatures;
  /** The word's id, then each character n-gram's (aligned with `features.chars`); see UNRESOLVED. */
  ids: Int32Array;
}

/** An id not looked up yet (ids are resolved in order of occurrence, so they number as names did). */
const UNRESOLVED = -1;
/** A feature the frozen space does not know: dropped. */
const UNKNOWN = -2;

/**
 * Feature names interned as integer ids, numbered in order of first appearance, with each token's ids
 * looked up once. Training counts ~2,300 texts of the same few thousand words: per-text `Map`s keyed by
 * name strings (and a new string per bigram occurrence) were most of its time outside the SGD before
 * the JIT warmed up. Counting now touches typed arrays; a bigram is found through its two stems.
 *
 * A space grows while the model trains, then is frozen: from then on features it does not know are
 * dropped, as a trained model has no weights for them.
 */
export class FeatureSpace {
  /** Feature names by id: what a model snapshot stores. */
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  /** While the space grows: bigram ids by their first stem, then their second. */
  private readonly bigrams = new Map<string, Map<string, number>>();
  private readonly tokens = new Map<string, TokenIds>();
  private readonly tokenCache: Map<string, TokenFeatures>;
  private readonly charMin: number;
  private readonly charMax: number;
  private frozen = false;
  /** Scratch for `count`: for each feature id, 1 + its position in the current text (0: not in it). */
  private position = new Int32Array(1024);
  private textIds = new Int32Array(256);
  private textCounts = new Int32Array(256);
  /** How many distinct features the current text has so far. */
  private length = 0;

  /** `names`: the features of a trained model, in id order; the space is then frozen. */
  constructor(
    readonly weights: FeatureWeights,
    names?: readonly string[],
  ) {
    this.charMin = weights.charMin ?? CHAR_MIN;
    this.charMax = weights.charMax ?? CHAR_MAX;
    const optionsKey = `${weights.words ? 1 : 0}${weights.char > 0 ? 1 : 0}${weights.charAcross ? 1 : 0} ${this.charMin} ${this.charMax}`;
    let cache = tokenCache.get(optionsKey);
    if (cache === undefined) tokenCache.set(optionsKey, (cache = new Map()));
    this.tokenCache = cache;
    if (names !== undefined) {
      for (const name of names) this.intern(name);
      this.freeze();
    }
  }

  get size(): number {
    return this.names.length;
  }

  /** From now on, features the space does not know are dropped instead of added. */
  freeze(): void {
    this.frozen = true;
    this.bigrams.clear();
  }

  /** The feature group's weight: `w` content word, `s` stopword, `b` bigram, `c` character n-gram. */
  groupWeight(id: number): number {
    return groupWeight(this.names[id]!, this.weights);
  }

  isChar(id: number): boolean {
    return this.names[id]!.charCodeAt(0) === 99; /* c */
  }

  /** Content-word or bigram feature: what retrieval indexes. */
  isWordOrBigram(id: number): boolean {
    const code = this.names[id]!.charCodeAt(0);
    return code === 119 /* w */ || code === 98; /* b */
  }

  private intern(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  /** The id of `name`, added when the space still grows; UNKNOWN when it is frozen and lacks it. */
  private resolve(name: string): number {
    if (!this.frozen) return this.intern(name);
    return this.ids.get(name) ?? UNKNOWN;
  }

  private bigram(first: string, second: string): number {
    // Frozen (matching: a few bigrams per question), by name; growing (training: tens of thousands), by
    // its stems, without building the name again at every occurrence.
    if (this.frozen) return this.ids.get(`b ${first} ${second}`) ?? UNKNOWN;
    let seconds = this.bigrams.get(first);
    if (seconds === undefined) this.bigrams.set(first, (seconds = new Map()));
    let id = seconds.get(second);
    if (id === undefined) seconds.set(second, (id = this.intern(`b ${first} ${second}`)));
    return id;
  }

  private tokenIds(token: string): TokenIds {
    let entry = this.tokens.get(token);
    if (entry === undefined) {
      const features = tokenFeatures(token, this.weights, this.charMin, this.charMax, this.tokenCache);
      entry = { features, ids: new Int32Array(1 + features.chars.length).fill(UNRESOLVED) };
      if (this.tokens.size >= TOKEN_CACHE_LIMIT) this.tokens.clear();
      this.tokens.set(token, entry);
    }
    return entry;
  }

  /**
   * The features of one token list with their term counts, in order of first occurrence: per token its
   * word, the bigram with the token before it, then its character n-grams (the order the ids are
   * numbered in, and the order a model sums them in).
   */
  count(tokens: readonly string[]): FeatureCounts {
    this.countText(tokens);
    return { ids: this.textIds.slice(0, this.length), counts: this.textCounts.slice(0, this.length) };
  }

  /**
   * `count` of each text, the results views into two shared arrays: a training set's thousands of
   * small arrays would each be an allocation the garbage collector tracks and copies.
   */
  countAll(texts: readonly (readonly string[])[]): FeatureCounts[] {
    const ends = new Int32Array(texts.length);
    let ids = new Int32Array(16 * texts.length + 16);
    let counts = new Int32Array(ids.length);
    let total = 0;
    for (let t = 0; t < texts.length; t++) {
      this.countText(texts[t]!);
      if (total + this.length > ids.length) {
        const size = 2 * (total + this.length);
        const grownIds = new Int32Array(size);
        grownIds.set(ids);
        ids = grownIds;
        const grownCounts = new Int32Array(size);
        grownCounts.set(counts);
        counts = grownCounts;
      }
      ids.set(this.textIds.subarray(0, this.length), total);
      counts.set(this.textCounts.subarray(0, this.length), total);
      total += this.length;
      ends[t] = total;
    }
    const out: FeatureCounts[] = [];
    for (let t = 0, start = 0; t < texts.length; start = ends[t++]!) {
      out.push({ ids: ids.subarray(start, ends[t]), counts: counts.subarray(start, ends[t]) });
    }
    return out;
  }

  /** Counts `tokens` into the scratch arrays (`textIds`, `textCounts`, `length`). */
  private countText(tokens: readonly string[]): void {
    this.length = 0;
    let previous: string | null = null;
    for (let t = 0; t < tokens.length; t++) {
      const entry = this.tokenIds(tokens[t]!);
      const { features, ids } = entry;
      if (ids[0] === UNRESOLVED) ids[0] = this.resolve(features.word);
      this.add(ids[0]!);
      if (previous !== null) this.add(this.bigram(previous, features.stemmed));
      previous = features.stemmed;
      const chars = features.chars;
      for (let i = 0; i < chars.length; i++) {
        if (ids[i + 1] === UNRESOLVED) ids[i + 1] = this.resolve(chars[i]!);
        this.add(ids[i + 1]!);
      }
    }
    if (this.weights.char > 0 && this.weights.charAcross) {
      const padded = ` ${tokens.join(' ')} `;
      for (let n = this.charMin; n <= this.charMax; n++) {
        for (let i = 0; i + n <= padded.length; i++) this.add(this.resolve(`c ${padded.slice(i, i + n)}`));
      }
    }
    for (let i = 0; i < this.length; i++) this.position[this.textIds[i]!] = 0;
  }

  /** One occurrence of feature `id` (negative: unknown, dropped) in the text being counted. */
  private add(id: number): void {
    if (id < 0) return;
    if (id >= this.position.length) {
      const grown = new Int32Array(Math.max(2 * this.position.length, id + 1));
      grown.set(this.position);
      this.position = grown;
    }
    const at = this.position[id]!;
    if (at !== 0) {
      this.textCounts[at - 1]! += 1;
      return;
    }
    if (this.length === this.textIds.length) {
      const ids = new Int32Array(2 * this.length);
      ids.set(this.textIds);
      this.textIds = ids;
      const counts = new Int32Array(2 * this.length);
      counts.set(this.textCounts);
      this.textCounts = counts;
    }
    this.textIds[this.length] = id;
    this.textCounts[this.length] = 1;
    this.position[id] = ++this.length;
  }
}

export function groupWeight(name: string, weights: FeatureWeights): number {
  switch (name.charCodeAt(0)) {
    case 119 /* w */:
      return weights.word;
    case 115 /* s */:
      return weights.word * weights.stopword;
    case 98 /* b */:
      return weights.bigram;
    default:
      return weights.char;
  }
}
