/**
 * `npm run eval [-- --quiet]`: how well the matcher understands questions it never saw. For each
 * labelled set (tests/eval/, plus the shared community development sets when they sit beside the
 * checkout): top-1 on on-topic questions, the share of off-topic questions declined, answers that were
 * wrong at confidence >= 0.8, calibration (expected calibration error and accuracy by confidence band),
 * follow-ups answered right when read as turns of one conversation, and every miss.
 */
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Matcher } from '../src/matcher/matcher.js';
import { CONFIDENT, describeResult, percent, scoreSet, type SetReport } from './eval/metrics.js';
import { defaultSets } from './eval/sets.js';
import { printAutoReplyReport } from './eval/auto-reply.js';

const root = path.resolve(import.meta.dirname, '..');
const quiet = process.argv.includes('--quiet');
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
  // Each conversation: the first question, then the follow-up with the first answer as context.
  const report = scoreSet(
    set.cases.map((c) => {
      const first = matcher.match(c.first);
      const previousTopics = first.outcome === 'answer' && first.topicId ? [first.topicId] : [];
      return { case: { q: c.followup, labels: c.labels }, result: matcher.match(c.followup, { previousTopics }) };
    }),
  );
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
