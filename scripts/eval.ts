/**
 * `npm run eval [-- FILE...]`: top-1 accuracy on on-topic questions, share of off-topic questions
 * rejected, and every miss, for the labelled sets in tests/eval/.
 */
import path from 'node:path';
import { loadKnowledge } from '../src/knowledge/load.js';
import { Matcher } from '../src/matcher/matcher.js';
import { evaluate, percent, readEvalCases } from './evaluate.js';

const root = path.resolve(import.meta.dirname, '..');
const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const targets = files.length > 0 ? files : [path.join(root, 'tests/eval/career.jsonl')];
const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
const matcher = new Matcher(knowledge);

for (const file of targets) {
  const report = evaluate(matcher, readEvalCases(file));
  console.log(`\n${path.relative(root, file)}`);
  console.log(
    `  on-topic top-1 accuracy: ${percent(report.onTopicCorrect, report.onTopic)} (${report.onTopicCorrect}/${report.onTopic})`,
  );
  console.log(
    `  off-topic rejected:      ${percent(report.offTopicRejected, report.offTopic)} (${report.offTopicRejected}/${report.offTopic})`,
  );
  console.log(`  misses that clarified with the right topic among the suggestions: ${report.clarifiedWithRight}`);
  if (report.misses.length > 0) console.log(`  misses (${report.misses.length}):`);
  for (const { case: c, result } of report.misses) {
    const got =
      result.outcome === 'answer'
        ? `answer ${result.topicId}`
        : `${result.outcome} [${result.suggestions.map((s) => `${s.topicId} ${s.confidence.toFixed(2)}`).join(', ')}]`;
    console.log(`    expected ${c.topic ?? 'off-topic'} | got ${got} (${result.confidence.toFixed(2)}) | ${JSON.stringify(c.q)}`);
  }
}
