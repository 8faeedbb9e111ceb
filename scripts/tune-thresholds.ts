/**
 * `npm run eval:thresholds`: the answer / clarify / fallback thresholds, chosen on development data.
 * Sweeps the answer threshold and the margin over the development sets (everything in tests/eval/
 * except the regression set, which only reports) and prints, per setting, the questions handled
 * right (on-topic answered with a right topic, off-topic declined) and the confident-wrong answers.
 * Training runs once: the weights are cached under .eval/, and only the decision changes.
 */
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { DEFAULT_MATCHER_OPTIONS, Matcher } from '../src/matcher/matcher.js';
import { scoreSet } from './eval/metrics.js';
import { defaultSets } from './eval/sets.js';

const root = path.resolve(import.meta.dirname, '..');
const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
const development = defaultSets(root).sets.filter((set) => !set.name.includes('regression'));
const cacheDir = path.join(root, '.eval/cache');
const results: { setting: string; right: number; total: number; confidentWrong: number }[] = [];
for (const answerThreshold of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5]) {
  for (const minMargin of [0.02, 0.1, 0.2]) {
    const matcher = new Matcher(knowledge, {
      answerThreshold,
      minMargin,
      clarifyThreshold: Math.min(DEFAULT_MATCHER_OPTIONS.clarifyThreshold, answerThreshold),
      cacheDir,
    });
    let right = 0;
    let total = 0;
    let confidentWrong = 0;
    for (const set of development) {
      const report = scoreSet(set.cases.map((c) => ({ case: c, result: matcher.match(c.q) })));
      right += report.onTopicRight + report.offTopicDeclined;
      total += report.total;
      confidentWrong += report.confidentWrong;
    }
    results.push({ setting: `answer >= ${answerThreshold}, margin >= ${minMargin}`, right, total, confidentWrong });
  }
}
const best = results.reduce((a, b) => (b.right > a.right ? b : a));
for (const r of results) {
  console.log(
    `${r.setting.padEnd(30)} right ${r.right}/${r.total}  confident-wrong ${r.confidentWrong}${r === best ? '  <- best' : ''}`,
  );
}
console.log(
  `defaults: answer >= ${DEFAULT_MATCHER_OPTIONS.answerThreshold}, margin >= ${DEFAULT_MATCHER_OPTIONS.minMargin}, clarify >= ${DEFAULT_MATCHER_OPTIONS.clarifyThreshold}`,
);
