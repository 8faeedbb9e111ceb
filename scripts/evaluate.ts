import { readFileSync } from 'node:fs';
import type { Matcher } from '../src/matcher/matcher.js';
import type { MatchResult } from '../src/types.js';

/** One labelled question: `topic` is the expected topic id, or null when the bot should not answer. */
export interface EvalCase {
  q: string;
  topic: string | null;
}

export interface EvalMiss {
  case: EvalCase;
  result: MatchResult;
}

export interface EvalReport {
  onTopic: number;
  onTopicCorrect: number;
  offTopic: number;
  offTopicRejected: number;
  /** On-topic questions answered with clarify whose suggestions include the right topic. */
  clarifiedWithRight: number;
  misses: EvalMiss[];
}

export function readEvalCases(file: string): EvalCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = JSON.parse(line) as EvalCase;
      if (typeof parsed.q !== 'string' || !(typeof parsed.topic === 'string' || parsed.topic === null)) {
        throw new Error(`${file}:${i + 1}: expected {"q": string, "topic": string | null}`);
      }
      return parsed;
    });
}

/** Top-1 accuracy counts an on-topic question right only when the outcome is `answer` with the right topic. */
export function evaluate(matcher: Matcher, cases: readonly EvalCase[]): EvalReport {
  const report: EvalReport = {
    onTopic: 0,
    onTopicCorrect: 0,
    offTopic: 0,
    offTopicRejected: 0,
    clarifiedWithRight: 0,
    misses: [],
  };
  for (const evalCase of cases) {
    const result = matcher.match(evalCase.q);
    if (evalCase.topic === null) {
      report.offTopic++;
      if (result.outcome !== 'answer') report.offTopicRejected++;
      else report.misses.push({ case: evalCase, result });
    } else {
      report.onTopic++;
      if (result.outcome === 'answer' && result.topicId === evalCase.topic) report.onTopicCorrect++;
      else {
        if (result.outcome === 'clarify' && result.suggestions.some((s) => s.topicId === evalCase.topic))
          report.clarifiedWithRight++;
        report.misses.push({ case: evalCase, result });
      }
    }
  }
  return report;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}
