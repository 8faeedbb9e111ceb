import type { MatchResult } from '../../src/types.js';
import type { EvalCase } from './sets.js';

/** Answered wrong at or above this confidence: the errors that embarrass a community. */
export const CONFIDENT = 0.8;
const BANDS = [0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0001];

export interface Scored {
  case: EvalCase;
  result: MatchResult;
}

export interface Band {
  from: number;
  to: number;
  answered: number;
  right: number;
  meanConfidence: number;
}

export interface SetReport {
  onTopic: number;
  onTopicRight: number;
  offTopic: number;
  offTopicDeclined: number;
  /** Answers given with a wrong topic (on-topic) or to an off-topic question, at confidence >= CONFIDENT. */
  confidentWrong: number;
  total: number;
  /** Expected calibration error of the answers: mean |confidence - accuracy| over bands, weighted by size. */
  ece: number;
  bands: Band[];
  misses: Scored[];
}

export function isRight(c: EvalCase, result: MatchResult): boolean {
  if (c.labels === null) return result.outcome !== 'answer';
  return result.outcome === 'answer' && result.topicId !== null && c.labels.includes(result.topicId);
}

export function scoreSet(scored: readonly Scored[]): SetReport {
  const report: SetReport = {
    onTopic: 0,
    onTopicRight: 0,
    offTopic: 0,
    offTopicDeclined: 0,
    confidentWrong: 0,
    total: scored.length,
    ece: 0,
    bands: BANDS.slice(0, -1).map((from, i) => ({ from, to: BANDS[i + 1]!, answered: 0, right: 0, meanConfidence: 0 })),
    misses: [],
  };
  for (const s of scored) {
    const right = isRight(s.case, s.result);
    if (s.case.labels === null) {
      report.offTopic++;
      if (right) report.offTopicDeclined++;
    } else {
      report.onTopic++;
      if (right) report.onTopicRight++;
    }
    if (!right) report.misses.push(s);
    if (s.result.outcome === 'answer') {
      if (!right && s.result.confidence >= CONFIDENT) report.confidentWrong++;
      const band = report.bands.find((b) => s.result.confidence >= b.from && s.result.confidence < b.to);
      if (band) {
        band.answered++;
        if (right) band.right++;
        band.meanConfidence += s.result.confidence;
      }
    }
  }
  const answered = report.bands.reduce((sum, b) => sum + b.answered, 0);
  for (const band of report.bands) {
    if (band.answered === 0) continue;
    band.meanConfidence /= band.answered;
    report.ece += (band.answered / Math.max(1, answered)) * Math.abs(band.meanConfidence - band.right / band.answered);
  }
  return report;
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function describeResult(result: MatchResult): string {
  const got =
    result.outcome === 'answer'
      ? `answer ${result.topicId}`
      : `${result.outcome} [${result.suggestions.map((s) => `${s.topicId} ${s.confidence.toFixed(2)}`).join(', ')}]`;
  return `${got} (${result.confidence.toFixed(2)})`;
}
