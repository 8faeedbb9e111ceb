/**
 * Regenerates tests/fixtures/clinc150-slice/: the CLINC150 rows that tests/eval/clinc-slice.test.ts
 * needs, so that the test reads nothing outside the repository. Run once, from a checkout with the
 * data set beside it: npx tsx scripts/make-clinc-slice.ts [path/to/data_full.json]
 *
 * The slice: the first 20 intents (alphabetically), their train and test rows, CLINC150's out-of-scope
 * train rows (the "oos" label, which the test imports as out-of-scope.txt) and all 1,000 out-of-scope
 * test rows. Written as JSON Lines rows that `careerbot import` reads: {"question", "topic"}.
 * CLINC150: Larson et al., EMNLP 2019, CC BY 3.0; see the README.md written beside the rows.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA, type Clinc } from './eval-clinc.js';

export const SLICE_INTENTS = 20;
const root = path.resolve(import.meta.dirname, '..');
const source = process.argv[2] ?? DEFAULT_DATA;
const bytes = readFileSync(source);
const data = JSON.parse(bytes.toString('utf8')) as Clinc;
const intents = new Set([...new Set(data.train.map(([, intent]) => intent))].sort().slice(0, SLICE_INTENTS));
const lines = (rows: [string, string][]) =>
  rows.map(([question, topic]) => JSON.stringify({ question, topic })).join('\n') + '\n';
const dir = path.join(root, 'tests/fixtures/clinc150-slice');
mkdirSync(dir, { recursive: true });
const train = [...data.train.filter(([, intent]) => intents.has(intent)), ...data.oos_train];
const test = [...data.test.filter(([, intent]) => intents.has(intent)), ...data.oos_test];
writeFileSync(path.join(dir, 'train.jsonl'), lines(train));
writeFileSync(path.join(dir, 'test.jsonl'), lines(test));
const sha256 = createHash('sha256').update(bytes).digest('hex');
writeFileSync(
  path.join(dir, 'README.md'),
  `# CLINC150 slice (test fixture)

Rows from CLINC150, the intent-classification data set with out-of-scope queries of
Larson et al., "An Evaluation Dataset for Intent Classification and Out-of-Scope Prediction", EMNLP 2019
(https://github.com/clinc/oos-eval, file data/data_full.json, sha256 ${sha256}).

Licence: Creative Commons Attribution 3.0 Unported (CC BY 3.0), https://creativecommons.org/licenses/by/3.0/
(see LICENSE.md). Keep this attribution wherever the data or results on it are shown.

Changes made: only a subset is kept, and the rows are rewritten as JSON Lines \`{"question", "topic"}\`
(the format \`careerbot import\` reads); the texts and labels are unchanged.

- \`train.jsonl\`: the train rows of the first ${SLICE_INTENTS} intents (alphabetically: ${[...intents].join(', ')}),
  then the ${data.oos_train.length} out-of-scope train rows (label \`oos\`): ${train.length} rows.
- \`test.jsonl\`: the test rows of those intents, then all ${data.oos_test.length} out-of-scope test rows
  (label \`oos\`): ${test.length} rows.

Used by tests/eval/clinc-slice.test.ts. Regenerate with \`npx tsx scripts/make-clinc-slice.ts [data_full.json]\`.
`,
);
console.log(`wrote ${train.length} train and ${test.length} test rows to ${path.relative(root, dir)}`);
