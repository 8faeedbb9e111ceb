import type { Matcher } from '../../src/matcher/matcher.js';
import { DEFAULT_AUTO_REPLY_THRESHOLD, isOnlyLinksOrCode, questionPart } from '../../src/use-cases/auto-reply.js';
import { isRight } from './metrics.js';
import type { EvalCase, EvalSet } from './sets.js';

/**
 * The auto-reply benchmark (issue 13): on the development sets, how often an automatic reply would
 * fire and how often it would be right when it fires, by confidence threshold. The threshold to use is
 * the lowest one at which precision is at least TARGET_PRECISION (and stays so above it).
 */

export const TARGET_PRECISION = 0.97;
/** The sets the threshold is chosen on (the regression set's held-out siblings are not used). */
export const AUTO_REPLY_DEV_SETS = [
  'career.jsonl (regression)',
  'community-own.tsv',
  'community english.dev.tsv',
  'community hinglish.dev.tsv',
];

export interface ThresholdPoint {
  threshold: number;
  fired: number;
  right: number;
  /** Right among those fired. */
  precision: number;
  /** On-topic questions answered right automatically, among all on-topic questions. */
  coverage: number;
  /** Fired among every message (on- and off-topic). */
  fireRate: number;
}

interface Scored {
  case: EvalCase;
  confidence: number;
  answered: boolean;
  right: boolean;
}

function score(matcher: Matcher, cases: readonly EvalCase[]): Scored[] {
  return cases.map((c) => {
    const skipped = isOnlyLinksOrCode(c.q);
    const result = matcher.match(questionPart(c.q));
    return {
      case: c,
      confidence: result.confidence,
      answered: !skipped && result.outcome === 'answer' && !result.fromContext,
      right: isRight(c, result),
    };
  });
}

export function sweep(scored: readonly Scored[], thresholds: readonly number[]): ThresholdPoint[] {
  const onTopic = scored.filter((s) => s.case.labels !== null).length;
  return thresholds.map((threshold) => {
    const fired = scored.filter((s) => s.answered && s.confidence >= threshold);
    const right = fired.filter((s) => s.right).length;
    return {
      threshold,
      fired: fired.length,
      right,
      precision: fired.length === 0 ? 1 : right / fired.length,
      coverage: onTopic === 0 ? 0 : fired.filter((s) => s.right && s.case.labels !== null).length / onTopic,
      fireRate: scored.length === 0 ? 0 : fired.length / scored.length,
    };
  });
}

/** The lowest threshold from which on precision never drops below the target. */
export function chooseThreshold(points: readonly ThresholdPoint[], target = TARGET_PRECISION): ThresholdPoint | undefined {
  const sorted = [...points].sort((a, b) => a.threshold - b.threshold);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted.slice(i).every((p) => p.precision >= target)) return sorted[i];
  }
  return undefined;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Print the section `npm run eval` shows. */
export function printAutoReplyReport(matcher: Matcher, sets: readonly EvalSet[], quiet: boolean): void {
  const dev = sets.filter((set) => AUTO_REPLY_DEV_SETS.includes(set.name));
  const scored = dev.flatMap((set) => score(matcher, set.cases));
  const thresholds = Array.from({ length: 75 }, (_, i) => Number((0.25 + i * 0.01).toFixed(2)));
  if (!thresholds.includes(DEFAULT_AUTO_REPLY_THRESHOLD)) thresholds.push(DEFAULT_AUTO_REPLY_THRESHOLD);
  const points = sweep(scored, thresholds).sort((a, b) => a.threshold - b.threshold);
  const chosen = chooseThreshold(points);
  const current = points.find((p) => p.threshold === DEFAULT_AUTO_REPLY_THRESHOLD)!;
  console.log(`\nauto-reply (issue 13) on ${dev.map((s) => s.name).join(', ')}: ${scored.length} messages`);
  const line = (p: ThresholdPoint) =>
    `precision ${pct(p.precision)} (${p.right}/${p.fired}), coverage ${pct(p.coverage)} of on-topic, fires on ${pct(p.fireRate)} of messages`;
  console.log(`  at the default ${DEFAULT_AUTO_REPLY_THRESHOLD}: ${line(current)}`);
  console.log(
    chosen
      ? `  lowest threshold with precision >= ${pct(TARGET_PRECISION)}: ${chosen.threshold} (${line(chosen)})`
      : `  no threshold reaches precision ${pct(TARGET_PRECISION)}`,
  );
  if (quiet) return;
  for (const p of points.filter((q) => Math.round(q.threshold * 100) % 5 === 0))
    console.log(`    >= ${p.threshold.toFixed(2)}: ${line(p)}`);
}
