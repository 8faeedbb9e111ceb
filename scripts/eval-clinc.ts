/**
 * `npm run eval:clinc`: the matcher on CLINC150 (Larson et al., EMNLP 2019; CC BY 3.0), through the
 * same loader and matcher the bot uses.
 *
 * 1. Converts the training split into JSON Lines rows and imports them with `careerbot import`'s
 *    importKnowledge into a knowledge directory under .eval/ (one topic per intent, its training
 *    phrasings as `questions`, draft answers; oos_train as `out-of-scope.txt`).
 * 2. Loads it with loadKnowledge and builds the Matcher with its default options.
 * 3. Reports on validation (the split that may choose settings) and test (reporting only): in-scope
 *    accuracy, out-of-scope recall (rejected = any outcome but `answer`), ms per query, build time, memory.
 *
 * Options: --data FILE (default ../shared/datasets/clinc150/data_full.json), --split val|test|both (default both),
 * --limit N (first N intents only: the quick slice the regression test uses).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importKnowledge, topicIdFromLabel, type ImportSummary } from '../src/import/import.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Matcher } from '../src/matcher/matcher.js';

type Rows = [string, string][];
export type Clinc = Record<'train' | 'val' | 'test' | 'oos_train' | 'oos_val' | 'oos_test', Rows>;

const root = path.resolve(import.meta.dirname, '..');
export const DEFAULT_DATA = path.join(root, '../shared/datasets/clinc150/data_full.json');

export const PAPER_ROWS: ReadonlyArray<[string, string, string]> = [
  ['FastText', '89.0 / 9.7', '88.6 / 28.3'],
  ['SVM', '91.0 / 14.5', '88.2 / 18.0'],
  ['CNN', '91.2 / 18.9', '90.9 / 30.9'],
  ['DialogFlow', '91.7 / 14.0', '90.8 / 26.7'],
  ['Rasa', '91.5 / 45.3', '90.9 / 31.2'],
  ['MLP (USE embeddings)', '93.5 / 47.4', '93.4 / 49.1'],
  ['BERT', '96.9 / 40.3', '96.2 / 52.3'],
];

/** The topic id `careerbot import` gives an intent's label. */
export function topicIdFor(intent: string): string {
  return topicIdFromLabel(intent);
}

/** CLINC150 rows as the JSON Lines `careerbot import` reads; out-of-scope rows keep the label `oos`. */
export function clincJsonLines(rows: Rows): string {
  return rows.map(([question, topic]) => JSON.stringify({ question, topic })).join('\n') + '\n';
}

/**
 * Builds the knowledge directory for the given intents the way a community would: the training rows
 * (and oos_train, as out-of-scope.txt) go through `careerbot import`'s importKnowledge, which drops
 * phrasings under two intents and leaves out repeats.
 */
export async function writeClincKnowledge(
  data: Pick<Clinc, 'train' | 'oos_train'>,
  dir: string,
  intents: ReadonlySet<string> | null,
): Promise<ImportSummary> {
  const rowsFile = `${dir}.rows.jsonl`;
  mkdirSync(path.dirname(dir), { recursive: true });
  const train = intents ? data.train.filter(([, intent]) => intents.has(intent)) : data.train;
  writeFileSync(rowsFile, clincJsonLines([...train, ...data.oos_train.map(([text]) => [text, OOS_LABEL] as [string, string])]));
  try {
    return await importKnowledge({ file: rowsFile, outDir: dir, force: true, outOfScopeLabel: OOS_LABEL });
  } finally {
    rmSync(rowsFile, { force: true });
  }
}

/** CLINC150's label for out-of-scope rows. */
export const OOS_LABEL = 'oos';

export interface SplitResult {
  inScopeAccuracy: number;
  outOfScopeRecall: number;
  meanMs: number;
  p99Ms: number;
  queries: number;
}

export function runSplit(
  matcher: Matcher,
  inScope: Rows,
  outOfScope: Rows,
  onProgress?: (done: number, total: number) => void,
): SplitResult {
  const total = inScope.length + outOfScope.length;
  const times: number[] = [];
  let correct = 0;
  let rejected = 0;
  let done = 0;
  const timed = (text: string) => {
    const start = performance.now();
    const result = matcher.match(text);
    times.push(performance.now() - start);
    if (++done % 250 === 0) onProgress?.(done, total);
    return result;
  };
  for (const [text, intent] of inScope) {
    const result = timed(text);
    if (result.outcome === 'answer' && result.topicId === topicIdFor(intent)) correct++;
  }
  for (const [text] of outOfScope) if (timed(text).outcome !== 'answer') rejected++;
  onProgress?.(total, total);
  times.sort((a, b) => a - b);
  return {
    inScopeAccuracy: inScope.length ? correct / inScope.length : 0,
    outOfScopeRecall: outOfScope.length ? rejected / outOfScope.length : 0,
    meanMs: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
    p99Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    queries: times.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, split: { type: 'string', default: 'both' }, limit: { type: 'string' } },
  });
  const file = values.data ?? DEFAULT_DATA;
  let data: Clinc;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Clinc;
  } catch (error) {
    console.error(`eval:clinc: cannot read CLINC150 data at ${file}: ${(error as Error).message} (pass --data FILE)`);
    process.exitCode = 1;
    return;
  }
  const limit = values.limit ? Number(values.limit) : null;
  const allIntents = [...new Set(data.train.map(([, intent]) => intent))].sort();
  const intents = limit ? new Set(allIntents.slice(0, limit)) : null;
  const keep = (rows: Rows) => (intents ? rows.filter(([, intent]) => intents.has(intent)) : rows);
  const dir = path.join(root, '.eval/clinc150/knowledge');
  const written = await writeClincKnowledge(data, dir, intents);
  console.log(
    `CLINC150 -> ${path.relative(root, dir)} (through careerbot import): ${written.topics} topics, ` +
      `${written.dropped.length} phrasings under two intents dropped, ${written.repeats} repeats left out`,
  );

  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const { knowledge } = await loadKnowledge(dir);
  const loaded = performance.now();
  const matcher = new Matcher(knowledge);
  const built = performance.now();
  global.gc?.();
  const after = process.memoryUsage();
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `load + validate ${(loaded - started).toFixed(0)} ms, index build ${(built - loaded).toFixed(0)} ms ` +
      `(${knowledge.topics.length} topics, ${knowledge.topics.reduce((n, t) => n + t.questions.length, 0)} phrasings, ${matcher.featureCount} features); ` +
      `memory: heap +${mib(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers)}, rss ${mib(after.rss)}`,
  );

  const progress = (label: string) => (done: number, total: number) => {
    if (process.stderr.isTTY) process.stderr.write(`\r  ${label}: ${done}/${total} queries`);
    else if (done === total || done % 1000 === 0) process.stderr.write(`  ${label}: ${done}/${total} queries\n`);
    if (done === total && process.stderr.isTTY) process.stderr.write('\n');
  };
  const splits = values.split === 'both' ? ['val', 'test'] : [values.split ?? 'test'];
  const pct = (x: number) => (100 * x).toFixed(1);
  const results: Record<string, SplitResult> = {};
  for (const split of splits) {
    if (split !== 'val' && split !== 'test') throw new Error(`--split must be val, test or both`);
    results[split] = runSplit(matcher, keep(data[split]), data[`oos_${split}`], progress(split));
  }
  console.log('\nsplit  in-scope acc  oos recall  mean ms  p99 ms  queries');
  for (const [split, r] of Object.entries(results)) {
    console.log(
      `${split.padEnd(6)} ${pct(r.inScopeAccuracy).padStart(11)}%  ${pct(r.outOfScopeRecall).padStart(9)}%  ${r.meanMs.toFixed(3).padStart(7)}  ${r.p99Ms.toFixed(3).padStart(6)}  ${r.queries}`,
    );
  }
  if (!limit && results.test) {
    console.log('\nCLINC150 "Full", in-scope accuracy / out-of-scope recall (%), paper Table 2:');
    console.log(`${'classifier'.padEnd(22)} ${'oos-train'.padEnd(12)} oos-threshold`);
    for (const [name, train, threshold] of PAPER_ROWS) console.log(`${name.padEnd(22)} ${train.padEnd(12)} ${threshold}`);
    console.log(
      `${'careerbot (this run)'.padEnd(22)} ${`${pct(results.test.inScopeAccuracy)} / ${pct(results.test.outOfScopeRecall)}`.padEnd(12)} (oos_train as out-of-scope class + thresholds)`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
