import { resourceLines } from './resources.js';

let words: ReadonlySet<string> | undefined;

/**
 * The 30,000 most frequent English words (resources/english-words.txt, derived from GloVe by
 * scripts/derive-words.ts), read on first use: the typo repair leaves them alone, so "inception" is not
 * "corrected" to "injection". Common typos ("salry", "bakend") are rarer than that and still repaired.
 */
export function englishWords(): ReadonlySet<string> {
  words ??= new Set(resourceLines('english-words.txt'));
  return words;
}
