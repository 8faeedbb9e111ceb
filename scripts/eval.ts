/**
 * `npm run eval [-- --quiet] [--seeds N]`: how well the matcher understands questions it never saw. For each
 * labelled set (tests/eval/, plus the shared community development sets when they sit beside the
 * checkout): top-1 on on-topic questions, the share of off-topic questions declined, answers that were
 * wrong at confidence >= 0.8, calibration (expected calibration error and accuracy by confidence band),
 * follow-ups answered right when read as turns of one conversation, and every miss. `--seeds N` also
 * trains N models with different training seeds and prints each figure as mean [min-max] over them:
 * single runs move by 1-3 points with the seed, so compare changes over several.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../src/knowledge/load.js';
import { DEFAULT_MATCHER_OPTIONS, Matcher } from '../src/matcher/matcher.js';
import { CONFIDENT, describeResult, percent, scoreSet, type SetReport } from './eval/metrics.js';
import { defaultSets } from './eval/sets.js';
import { printAutoReplyReport } from './eval/auto-reply.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { quiet: { type: 'boolean', default: false }, seeds: { type: 'string', default: '1' } },
});
const quiet = values.quiet;
const seedCount = Number(values.seeds);
if (!Number.isInteger(seedCount) || seedCount < 1 || seedCount > 20) {
  console.error('eval: --seeds must be a whole number from 1 to 20, e.g. --seeds 4');
  process.exit(2);
}
const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
const started = performance.now();
const matcher = new Matcher(knowledge);
const trainMs = performance.now() - started;
const { sets, followups } = defaultSets(root);

function printReport(name: string, report: SetReport): void {
  console.log(`\n${name}`);
  console.log(
    `  on-topic top-1:        ${percent(report.onTopicRight, report.onTopic)} (${report.onTopicRight}/${report.onTopic})`,
  );
  console.log(
    `  off-topic declined:    ${percent(report.offTopicDeclined, report.offTopic)} (${report.offTopicDeclined}/${report.offTopic})`,
  );
  console.log(
    `  confident-wrong:       ${percent(report.confidentWrong, report.total)} (${report.confidentWrong}/${report.total} answered wrong at confidence >= ${CONFIDENT})`,
  );
  const bands = report.bands
    .filter((band) => band.answered > 0)
    .map(
      (band) =>
        `${band.from.toFixed(2)}-${Math.min(1, band.to).toFixed(2)}: ${percent(band.right, band.answered)} of ${band.answered}`,
    );
  console.log(`  calibration:           ECE ${report.ece.toFixed(3)}; answers right by confidence band: ${bands.join(', ')}`);
  if (quiet || report.misses.length === 0) return;
  console.log(`  misses (${report.misses.length}):`);
  for (const miss of report.misses) {
    console.log(
      `    expected ${miss.case.labels?.join(' or ') ?? 'off-topic'} | got ${describeResult(miss.result)} | ${JSON.stringify(miss.case.q)}`,
    );
  }
}

console.log(`career knowledge: ${knowledge.topics.length} topics, matcher trained in ${trainMs.toFixed(0)} ms`);
for (const set of sets) {
  printReport(set.name, scoreSet(set.cases.map((c) => ({ case: c, result: matcher.match(c.q) }))));
}
for (const set of followups) {
  const report = scoreFollowups(matcher, set.cases);
  console.log(`\n${set.name} (follow-ups, second turn read with the first)`);
  console.log(
    `  follow-ups right:      ${percent(report.onTopicRight + report.offTopicDeclined, report.total)} (${report.onTopicRight + report.offTopicDeclined}/${report.total})`,
  );
  if (!quiet)
    for (const miss of report.misses)
      console.log(
        `    expected ${miss.case.labels?.join(' or ') ?? 'off-topic'} | got ${describeResult(miss.result)} | ${JSON.stringify(miss.case.q)}`,
      );
}

// Issue 13: how often an automatic reply would fire, and be right, by threshold.
printAutoReplyReport(matcher, sets, quiet);

if (seedCount > 1) printSeedSpread(seedCount);

/** Each conversation: the first question, then the follow-up with the first answer as context. */
function scoreFollowups(m: Matcher, cases: (typeof followups)[number]['cases']): SetReport {
  return scoreSet(
    cases.map((c) => {
      const first = m.match(c.first);
      const previousTopics = first.outcome === 'answer' && first.topicId ? [first.topicId] : [];
      return { case: { q: c.followup, labels: c.labels }, result: m.match(c.followup, { previousTopics }) };
    }),
  );
}

/** Every figure as mean [min-max] over models trained with `count` seeds (the default seed first). */
function printSeedSpread(count: number): void {
  const seeds = [DEFAULT_MATCHER_OPTIONS.seed, ...Array.from({ length: count - 1 }, (_, i) => 1000 + i)];
  const rows = new Map<string, number[][]>();
  const add = (name: string, figures: number[]) => {
    const list = rows.get(name) ?? [];
    list.push(figures);
    rows.set(name, list);
  };
  for (const seed of seeds) {
    const m = seed === DEFAULT_MATCHER_OPTIONS.seed ? matcher : new Matcher(knowledge, { seed });
    for (const set of sets) {
      const r = scoreSet(set.cases.map((c) => ({ case: c, result: m.match(c.q) })));
      add(set.name, [r.onTopicRight / r.onTopic, r.offTopicDeclined / r.offTopic, r.confidentWrong / r.total]);
    }
    for (const set of followups) {
      const r = scoreFollowups(m, set.cases);
      add(`${set.name} (follow-ups)`, [(r.onTopicRight + r.offTopicDeclined) / r.total]);
    }
  }
  const spread = (values: number[]) => {
    const pct = (x: number) => (100 * x).toFixed(1);
    const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
    return `${pct(mean)} [${pct(Math.min(...values))}-${pct(Math.max(...values))}]`;
  };
  console.log(`\nover ${count} training seeds (${seeds.join(', ')}): mean [min-max], %`);
  for (const [name, runs] of rows) {
    const columns = runs[0]!.map((_, i) => spread(runs.map((run) => run[i]!).filter((v) => Number.isFinite(v))));
    const labels = columns.length === 3 ? ['top-1', 'declined', 'confident-wrong'] : ['right'];
    console.log(`  ${name}: ${columns.map((c, i) => `${labels[i]} ${c}`).join(', ')}`);
  }
}
