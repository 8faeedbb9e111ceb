import { readFileSync } from 'node:fs';
import path from 'node:path';

const FILE = path.join(import.meta.dirname, '../../resources/english-words.txt');

let words: ReadonlySet<string> | undefined;

/**
 * The 30,000 most frequent English words (resources/english-words.txt, derived from GloVe by
 * scripts/derive-words.ts), read on first use: the typo repair leaves them alone, so "inception" is not
 * "corrected" to "injection". Common typos ("salry", "bakend") are rarer than that and still repaired.
 */
export function englishWords(): ReadonlySet<string> {
  words ??= new Set(
    readFileSync(FILE, 'utf8')
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return words;
}
