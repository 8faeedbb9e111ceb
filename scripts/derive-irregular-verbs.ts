/**
 * Derives resources/irregular-verbs.txt: irregular verb forms and their base form ("frozen" freeze,
 * "paid" pay, "wrote" write), so that the matcher's Porter stems treat "i need my account frozen" like
 * "freeze my account". Porter stemming only strips regular suffixes; WordNet's verb exception list
 * (via the `wink-lexicon` package, MIT; WordNet 3.0 licence, Princeton University) has the irregular
 * ones. Run once: `npm install --no-save wink-lexicon && npx tsx scripts/derive-irregular-verbs.ts`.
 *
 * Kept: plain lowercase pairs whose Porter stems differ (the others stem alike already), whose form
 * is one of the common English words (resources/english-words.txt) and not a stopword, except the forms
 * in AMBIGUOUS, which are more often another word ("a bit of", "bound to", "the ground", "a saw").
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stemmer } from 'stemmer';
import { englishWords } from '../src/text/english.js';
import { STOPWORDS } from '../src/text/normalize.js';

/** Forms whose everyday sense is another word: mapped, they would merge unrelated questions. */
const AMBIGUOUS = new Set(
  'abode bit bore bound clad dove fell gan gilt ground hove kent laden lay lit might molten rent riven rose rove saw shot slew smit spat stove stricken sunken wound wrought'.split(
    ' ',
  ),
);

const require = createRequire(import.meta.url);
let exceptions: Record<string, string>;
try {
  exceptions = require('wink-lexicon/src/wn-verb-exceptions.js') as Record<string, string>;
} catch {
  console.error('wink-lexicon is not installed: run `npm install --no-save wink-lexicon` first.');
  process.exit(1);
}
const common = englishWords();
const pairs = Object.entries(exceptions)
  .filter(([form, base]) => /^[a-z]+$/.test(form) && /^[a-z]+$/.test(base))
  .filter(([form, base]) => stemmer(form) !== stemmer(base))
  .filter(([form]) => common.has(form) && !STOPWORDS.has(form) && !AMBIGUOUS.has(form))
  .sort(([a], [b]) => a.localeCompare(b));
const out = path.join(import.meta.dirname, '../resources/irregular-verbs.txt');
writeFileSync(
  out,
  `# Irregular verb forms and their base form, tab-separated: ${pairs.length} pairs from WordNet 3.0's verb\n` +
    `# exception list (WordNet licence, Princeton University), via wink-lexicon (MIT).\n` +
    `# Written by scripts/derive-irregular-verbs.ts; read by src/text/normalize.ts.\n` +
    pairs.map(([form, base]) => `${form}\t${base}`).join('\n') +
    '\n',
);
console.log(`wrote ${pairs.length} pairs to ${path.relative(process.cwd(), out)}`);
