/**
 * `npm run bench`: matching latency (p50, p99) on the career knowledge base and on a generated one of
 * 2,000 topics x 10 phrasings, each beside plain fuse.js over the same sample questions (what a typical
 * FAQ bot does), plus startup time (load, validate, index) and resident memory. No network; a fixed seed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Fuse from 'fuse.js';
import { stringify } from 'yaml';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Matcher } from '../src/matcher/matcher.js';
import type { KnowledgeBase } from '../src/types.js';
import { readEvalCases } from './evaluate.js';

const root = path.resolve(import.meta.dirname, '..');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

function time(
  queries: readonly string[],
  rounds: number,
  run: (q: string) => unknown,
): { p50: number; p99: number; mean: number } {
  for (const q of queries.slice(0, 50)) run(q); // warm up the JIT
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const start = performance.now();
      run(q);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), mean: times.reduce((s, t) => s + t, 0) / times.length };
}

function plainFuse(knowledge: KnowledgeBase) {
  const rows = knowledge.topics.flatMap((topic) => topic.questions.map((question) => ({ id: topic.id, question })));
  const fuse = new Fuse(rows, { keys: ['question'], ignoreLocation: true, includeScore: true, threshold: 0.6 });
  return (q: string) => fuse.search(q, { limit: 1 })[0]?.item.id ?? null;
}

// Seeded word generator for the synthetic knowledge base: pronounceable, distinct topic vocabularies.
function rng(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}
function syntheticKnowledge(dir: string, topics: number, phrasings: number): string[] {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const random = rng(7);
  const syllables = ['ka', 'lo', 'mi', 'ten', 'ras', 'vo', 'pel', 'shi', 'dun', 'bro', 'qua', 'ze', 'fin', 'gor', 'ul', 'ny'];
  const word = () =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
  const common = ['how', 'do', 'i', 'what', 'is', 'the', 'best', 'way', 'to', 'can', 'you', 'tell', 'me', 'about', 'my', 'for'];
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const queries: string[] = [];
  const seen = new Set<string>();
  for (let t = 0; t < topics; t++) {
    const vocabulary = Array.from({ length: 6 }, word);
    const questions: string[] = [];
    while (questions.length < phrasings + 1) {
      const length = 4 + Math.floor(random() * 6);
      const q = Array.from({ length }, () => (random() < 0.5 ? pick(common) : pick(vocabulary))).join(' ') + ` ${vocabulary[0]}`;
      if (seen.has(q)) continue;
      seen.add(q);
      questions.push(q);
    }
    queries.push(questions.pop()!); // held out: a query, not a sample question
    writeFileSync(
      path.join(dir, `topic-${t}.md`),
      `---\n${stringify({ title: `Topic ${t} ${vocabulary[0]}`, questions })}---\nAnswer ${t}.\n`,
    );
  }
  return queries;
}

function row(name: string, ours: { p50: number; p99: number }, fuse: { p50: number; p99: number }) {
  const f = (ms: number) => `${ms.toFixed(3)} ms`;
  console.log(
    `${name.padEnd(26)} careerbot p50 ${f(ours.p50)}, p99 ${f(ours.p99)} | plain fuse.js p50 ${f(fuse.p50)}, p99 ${f(fuse.p99)} | ` +
      `fuse.js / careerbot at p50 ${(fuse.p50 / ours.p50).toFixed(0)}x, p99 ${(fuse.p99 / ours.p99).toFixed(0)}x`,
  );
}

async function main(): Promise<void> {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const rssBefore = process.memoryUsage().rss;
  const cacheDir = path.join(root, '.eval/bench-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  let matcher: Matcher | undefined;
  // Cold: trains and writes the weight cache (first start, or after an edit); warm: reads it (a restart).
  for (const phase of ['cold', 'warm'] as const) {
    const started = performance.now();
    const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
    const loaded = performance.now();
    matcher = new Matcher(knowledge, { cacheDir });
    const indexed = performance.now();
    console.log(
      `startup ${phase} (career knowledge, ${knowledge.topics.length} topics): load + validate ${(loaded - started).toFixed(0)} ms, ` +
        `index ${(indexed - loaded).toFixed(0)} ms${matcher.fromCache ? ' (from cache)' : ' (trained)'}, total ${(indexed - started).toFixed(0)} ms (target <= 500 ms)`,
    );
  }
  const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
  console.log(
    `resident memory ${mib(process.memoryUsage().rss)} (+${mib(process.memoryUsage().rss - rssBefore)} for loading and indexing)`,
  );
  if (!matcher) return;
  const careerQueries = [
    ...readEvalCases(path.join(root, 'tests/eval/career.jsonl')),
    ...readEvalCases(path.join(root, 'tests/eval/career-dev.jsonl')),
  ].map((c) => c.q);
  row(
    'career (34 topics)',
    time(careerQueries, 20, (q) => matcher.match(q)),
    time(careerQueries, 1, plainFuse(knowledge)),
  );

  const dir = path.join(root, '.eval/bench-2000');
  const queries = syntheticKnowledge(dir, 2000, 10);
  const t0 = performance.now();
  const { knowledge: big } = await loadKnowledge(dir);
  const t1 = performance.now();
  const bigMatcher = new Matcher(big);
  const t2 = performance.now();
  console.log(
    `startup (generated, 2,000 topics x 10 phrasings): load + validate ${(t1 - t0).toFixed(0)} ms, index ${(t2 - t1).toFixed(0)} ms; rss ${mib(process.memoryUsage().rss)}`,
  );
  const sample = queries.slice(0, 400);
  const ours = time(sample, 3, (q) => bigMatcher.match(q));
  const fuse = time(sample.slice(0, 20), 1, plainFuse(big)); // plain fuse.js takes seconds a query here
  row('generated (2,000 topics)', ours, fuse);
  let right = 0;
  for (const [i, q] of sample.entries()) if (bigMatcher.match(q).topicId === `topic-${i}`) right++;
  console.log(`generated: held-out phrasing answered with its own topic ${right}/${sample.length}`);
}

await main();
