// Quick development loop: train once, score every set, print a compact summary (and misses with -v).
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Matcher } from '../src/matcher/matcher.js';
import { defaultSets } from './eval/sets.js';
import { describeResult, percent, scoreSet } from './eval/metrics.js';

const root = path.resolve(import.meta.dirname, '..');
const verbose = process.argv.includes('-v');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
let t = performance.now();
const matcher = new Matcher(knowledge);
const trainMs = performance.now() - t;
const { sets, followups } = defaultSets(root);
for (const set of sets) {
  if (only.length && !only.some((o) => set.name.includes(o))) continue;
  const r = scoreSet(set.cases.map((c) => ({ case: c, result: matcher.match(c.q) })));
  console.log(
    `${set.name.padEnd(32)} top1 ${percent(r.onTopicRight, r.onTopic).padStart(6)} of ${r.onTopic}  declined ${percent(r.offTopicDeclined, r.offTopic).padStart(6)} of ${r.offTopic}  sureWrong ${r.confidentWrong}  ece ${r.ece.toFixed(3)}`,
  );
  if (verbose)
    for (const m of r.misses)
      console.log(`   want ${m.case.labels?.join(',') ?? 'OOS'} | ${describeResult(m.result)} | ${m.case.q}`);
}
for (const set of followups) {
  if (only.length && !only.some((o) => set.name.includes(o))) continue;
  const r = scoreSet(
    set.cases.map((c) => {
      const first = matcher.match(c.first);
      const previousTopics = first.outcome === 'answer' && first.topicId ? [first.topicId] : [];
      return { case: { q: c.followup, labels: c.labels }, result: matcher.match(c.followup, { previousTopics }) };
    }),
  );
  console.log(`${set.name.padEnd(32)} right ${percent(r.onTopicRight + r.offTopicDeclined, r.total)} of ${r.total}`);
  if (verbose)
    for (const m of r.misses)
      console.log(`   want ${m.case.labels?.join(',') ?? 'OOS'} | ${describeResult(m.result)} | ${m.case.q}`);
}
// Context never makes a standalone question worse: each question again, after an unrelated answered turn.
{
  const set = sets.find((s) => s.name.startsWith('community-own'))!;
  const turns = set.cases.filter((c) => c.labels !== null);
  let worse = 0,
    better = 0;
  set.cases.forEach((c, i) => {
    const prev = turns[(i * 7 + 3) % turns.length]!;
    const plain = matcher.match(c.q);
    const withContext = matcher.match(c.q, { previousTopics: [prev.labels![0]!] });
    const ok = (r: typeof plain) =>
      c.labels === null ? r.outcome !== 'answer' : r.outcome === 'answer' && c.labels.includes(r.topicId!);
    if (ok(plain) && !ok(withContext)) {
      worse++;
      if (verbose) console.log(`   worse with context "${prev.q}": ${c.q} -> ${withContext.topicId}`);
    }
    if (!ok(plain) && ok(withContext)) better++;
  });
  console.log(`context robustness (own set after an unrelated turn): worse ${worse}, better ${better} of ${set.cases.length}`);
}
t = performance.now();
console.log(`train ${trainMs.toFixed(0)} ms`);
