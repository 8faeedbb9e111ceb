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

/**
 * Feature names with their term counts for one token list. The first character of a name is its
 * group: `w` content word, `s` stopword, `b` bigram, `c` character n-gram (see `groupWeight`).
 */
export function extractFeatures(tokens: readonly string[], weights: FeatureWeights): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string) => counts.set(name, (counts.get(name) ?? 0) + 1);
  const withChars = weights.char > 0;
  const charMin = weights.charMin ?? CHAR_MIN;
  const charMax = weights.charMax ?? CHAR_MAX;
  const optionsKey = `${weights.words ? 1 : 0}${withChars ? 1 : 0}${weights.charAcross ? 1 : 0} ${charMin} ${charMax}`;
  let cache = tokenCache.get(optionsKey);
  if (cache === undefined) tokenCache.set(optionsKey, (cache = new Map()));
  let previous: string | null = null;
  for (const token of tokens) {
    const { stemmed, word, chars } = tokenFeatures(token, weights, charMin, charMax, cache);
    add(word);
    if (previous !== null) add(`b ${previous} ${stemmed}`);
    previous = stemmed;
    for (let i = 0; i < chars.length; i++) add(chars[i]!);
  }
  if (withChars && weights.charAcross) {
    const padded = ` ${tokens.join(' ')} `;
    for (let n = charMin; n <= charMax; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(`c ${padded.slice(i, i + n)}`);
    }
  }
  return counts;
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
