/**
 * Typo repair against the knowledge vocabulary ("salry" -> "salary", "backnd" -> "backend").
 *
 * A symmetric-delete index (the SymSpell idea): every vocabulary word is stored under itself and each
 * string made by deleting one of its characters. A misspelt word meets its correction at a shared
 * delete, so a lookup costs a handful of map reads instead of a scan over the vocabulary; that keeps
 * matching well under a millisecond on knowledge bases with tens of thousands of words, where a
 * fuzzy scan (fuse.js over the vocabulary) costs milliseconds per unknown word.
 */

const MIN_LENGTH = 4;

/** Words this long may be two edits from their correction; shorter ones one edit. */
const TWO_EDITS_FROM = 8;

function maxEdits(word: string): number {
  return word.length >= TWO_EDITS_FROM ? 2 : 1;
}

/** The word and every string made from it by deleting up to `depth` characters. */
function deletes(word: string, depth: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const shorter = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(shorter)) {
          out.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let current = new Array<number>(cols).fill(0);
  for (let i = 1; i < rows; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[cols - 1]!;
}

export class SpellingIndex {
  private readonly frequency = new Map<string, number>();
  /** Built by `prepare()` or the first `correct()` of an unknown word: known words never need it. */
  private byDelete: Map<string, string[]> | null = null;

  /**
   * @param words the vocabulary to correct towards, with repeats (frequency breaks ties)
   * @param known other correctly spelt words: never corrected, and corrected towards when closer
   * @param dictionary common words of the language: never corrected, never a correction
   */
  constructor(
    words: Iterable<string>,
    known: Iterable<string> = [],
    private readonly dictionary: { has(word: string): boolean } = new Set(),
  ) {
    for (const word of words) this.frequency.set(word, (this.frequency.get(word) ?? 0) + 1);
    for (const word of known) if (!this.frequency.has(word)) this.frequency.set(word, 0);
  }

  /** Builds the delete index now (a few tens of ms for the career knowledge); later calls do nothing. */
  prepare(): void {
    if (this.byDelete !== null) return;
    this.byDelete = new Map();
    for (const word of this.frequency.keys()) {
      if (word.length < MIN_LENGTH || /\d/.test(word)) continue;
      this.indexDeletes(this.byDelete, word, maxEdits(word));
    }
  }

  /**
   * Files `word` under itself and each of its deletes, as `deletes(word, depth)` lists them, without
   * building that set: a word's keys are written one after another, so a repeat key is recognised by
   * the word already at the end of its list. Each pair of positions is deleted once (the second after
   * the first), so two edits cost L(L-1)/2 keys instead of L(L-1). `depth` is 1 or 2 (`maxEdits`).
   */
  private indexDeletes(byDelete: Map<string, string[]>, word: string, depth: number): void {
    const file = (key: string) => {
      const list = byDelete.get(key);
      if (list) {
        if (list[list.length - 1] !== word) list.push(word);
      } else byDelete.set(key, [word]);
    };
    file(word);
    if (depth < 1) return;
    for (let i = 0; i < word.length; i++) {
      // Deleting either of two equal neighbours gives the same string: the second adds nothing new.
      if (i > 0 && word[i] === word[i - 1]) continue;
      const shorter = word.slice(0, i) + word.slice(i + 1);
      file(shorter);
      if (depth < 2) continue;
      for (let j = i; j < shorter.length; j++) file(shorter.slice(0, j) + shorter.slice(j + 1));
    }
  }

  has(word: string): boolean {
    return this.frequency.has(word);
  }

  /**
   * The closest known word within one edit (two for words of 8+ letters), preferring the more frequent; null when the word is known, too short, or nothing is close.
   */
  correct(word: string): string | null {
    if (word.length < MIN_LENGTH || this.frequency.has(word) || word.length > 30 || /\d/.test(word)) return null;
    if (this.dictionary.has(word)) return null;
    this.prepare();
    const byDelete = this.byDelete!;
    const max = maxEdits(word);
    let best: string | null = null;
    let bestDistance = max + 1;
    let bestFrequency = 0;
    for (const key of deletes(word, max)) {
      for (const candidate of byDelete.get(key) ?? []) {
        const distance = editDistance(word, candidate, max);
        // Two edits reach many real words ("watching" -> "caching"); people rarely mistype a word's
        // first letter, so the farther corrections must keep it.
        if (distance > max || (distance === 2 && candidate[0] !== word[0])) continue;
        const frequency = this.frequency.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return best;
  }
}
