import path from 'node:path';
import { CareerbotError } from '../errors.js';
import { formatProblem } from '../knowledge/load.js';
import { importKnowledge, summaryLine } from './import.js';

export interface ImportIO {
  out(text: string): void;
  err(text: string): void;
}

/** Progress goes to stderr only once an import has run this long: a small file prints nothing extra. */
const QUIET_MS = 1_000;

/** `careerbot import FILE --out DIR [--force] [--out-of-scope-label NAME]`; resolves to the exit status. */
export async function runImport(
  args: string[],
  options: { out?: string | undefined; force?: boolean; outOfScopeLabel?: string | undefined },
  io: ImportIO,
): Promise<number> {
  const [file, ...extra] = args;
  if (!file || !options.out || extra.length > 0) {
    throw new CareerbotError(
      'careerbot_usage',
      'import needs one file and --out DIR, e.g. careerbot import faq.csv --out knowledge ' +
        '(CSV, TSV, JSON Lines or Rasa NLU YAML; --force to replace a non-empty directory)',
    );
  }
  const started = performance.now();
  const summary = await importKnowledge({
    file,
    outDir: path.resolve(options.out),
    force: options.force,
    outOfScopeLabel: options.outOfScopeLabel,
    onProgress: (done, total, stage) => {
      if (performance.now() - started < QUIET_MS) return;
      io.err(stage === 'read' ? `  read ${done} rows` : `  wrote ${done}/${total} topic files`);
    },
  });
  io.out(summaryLine({ ...summary, outDir: options.out }));
  for (const { question, labels } of summary.dropped.slice(0, 10)) {
    io.out(`  dropped "${question}": under ${labels.map((label) => JSON.stringify(label)).join(' and ')}`);
  }
  if (summary.dropped.length > 10) io.out(`  ... and ${summary.dropped.length - 10} more dropped`);
  for (const { line, reason } of summary.skipped.slice(0, 10)) io.out(`  skipped line ${line}: ${reason}`);
  if (summary.skipped.length > 10) io.out(`  ... and ${summary.skipped.length - 10} more skipped`);
  if (summary.conflictingAnswers.length > 0) {
    io.out(`  more than one answer for ${summary.conflictingAnswers.join(', ')}: kept the first of each`);
  }
  const errors = summary.check.problems.filter((problem) => problem.severity === 'error');
  const warnings = summary.check.problems.length - errors.length;
  for (const problem of errors) io.out(formatProblem(problem));
  io.out(
    `check: ${errors.length} error(s), ${warnings} warning(s)` +
      (summary.drafts > 0 ? `; write the ${summary.drafts} draft answers before going live` : '') +
      ` (careerbot check --knowledge ${options.out} lists them)`,
  );
  return errors.length === 0 ? 0 : 1;
}
