import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { CareerbotError } from '../errors.js';
import { checkKnowledge, OUT_OF_SCOPE_FILE, type KnowledgeCheck } from '../knowledge/load.js';
import { DRAFT_MARKER, TOPIC_ID } from '../knowledge/schema.js';
import { normalize } from '../text/normalize.js';
import { readDelimited } from './delimited.js';
import { readJsonLines } from './json-lines.js';
import { readRasaNlu } from './rasa.js';
import type { ImportRow, ReadResult, SkippedRow } from './rows.js';

export type ImportFormat = 'csv' | 'tsv' | 'jsonl' | 'rasa';

/** The format from the file name: .csv, .tsv/.tab, .jsonl/.ndjson, .yml/.yaml (Rasa NLU). */
export function formatOf(file: string): ImportFormat | null {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.yml' || ext === '.yaml') return 'rasa';
  return null;
}

export function readRows(source: string, format: ImportFormat, file: string): ReadResult {
  switch (format) {
    case 'csv':
      return readDelimited(source, ',', file);
    case 'tsv':
      return readDelimited(source, '\t', file);
    case 'jsonl':
      return readJsonLines(source, file);
    case 'rasa':
      return readRasaNlu(source, file);
  }
}

/** A topic id from a label: "Pay Bill", "pay_bill" and "faq/pay-bill" give "pay-bill", "faq-pay-bill". */
export function topicIdFromLabel(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A readable title from a label: "pay_bill" -> "Pay bill"; a label that already reads well stays. */
export function titleFromLabel(label: string): string {
  const spaced = /[\s]/.test(label) ? label : label.replace(/[_\-/.]+/g, ' ');
  const text = spaced.replace(/\s+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface ImportedTopic {
  id: string;
  label: string;
  title: string;
  questions: string[];
  /** The answer from the export, or null: the topic gets a draft answer. */
  answer: string | null;
}

export interface ImportPlan {
  topics: ImportedTopic[];
  outOfScope: string[];
  /** Phrasings found under two or more labels: dropped from all of them (the loader would refuse them). */
  dropped: { question: string; labels: string[] }[];
  /** Repeats of a phrasing within one label, left out. */
  repeats: number;
  skipped: SkippedRow[];
  /** Topics whose rows carried more than one different answer: the first is used. */
  conflictingAnswers: string[];
}

/** Group rows into topics: ids and titles from labels, phrasings under two labels dropped, repeats left out. */
export function planImport(read: ReadResult, options: { outOfScopeLabel?: string | undefined } = {}): ImportPlan {
  const oosLabel = options.outOfScopeLabel?.trim().toLowerCase();
  const labelsByKey = new Map<string, Set<string>>();
  const topicRows: ImportRow[] = [];
  const outOfScope: string[] = [];
  const outOfScopeSeen = new Set<string>();
  for (const row of read.rows) {
    if (oosLabel !== undefined && row.topic.toLowerCase() === oosLabel) {
      const key = normalize(row.question).text;
      if (key !== '' && !outOfScopeSeen.has(key)) {
        outOfScopeSeen.add(key);
        // "#" starts a comment in out-of-scope.txt.
        outOfScope.push(row.question.replace(/^#+\s*/, ''));
      }
      continue;
    }
    topicRows.push(row);
    const key = normalize(row.question).text;
    labelsByKey.set(key, (labelsByKey.get(key) ?? new Set()).add(row.topic));
  }
  const skipped = [...read.skipped];
  const byLabel = new Map<string, { questions: string[]; keys: Set<string>; answers: string[] }>();
  const dropped = new Map<string, { question: string; labels: string[] }>();
  let repeats = 0;
  for (const row of topicRows) {
    const key = normalize(row.question).text;
    if (key === '') {
      skipped.push({ line: row.line, reason: 'no words in the question' });
      continue;
    }
    const labels = labelsByKey.get(key)!;
    if (labels.size > 1) {
      if (!dropped.has(key)) dropped.set(key, { question: row.question, labels: [...labels] });
      continue;
    }
    const entry = byLabel.get(row.topic) ?? { questions: [], keys: new Set<string>(), answers: [] };
    byLabel.set(row.topic, entry);
    if (row.answer !== undefined && !entry.answers.includes(row.answer)) entry.answers.push(row.answer);
    if (entry.keys.has(key)) {
      repeats++;
      continue;
    }
    entry.keys.add(key);
    entry.questions.push(row.question);
  }
  const topics: ImportedTopic[] = [];
  const usedIds = new Set<string>();
  const conflictingAnswers: string[] = [];
  for (const [label, entry] of byLabel) {
    if (entry.questions.length === 0) continue;
    let base = topicIdFromLabel(label);
    if (!TOPIC_ID.test(base)) base = 'topic';
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    if (entry.answers.length > 1) conflictingAnswers.push(id);
    topics.push({ id, label, title: titleFromLabel(label), questions: entry.questions, answer: entry.answers[0] ?? null });
  }
  topics.sort((a, b) => a.id.localeCompare(b.id));
  return { topics, outOfScope, dropped: [...dropped.values()], repeats, skipped, conflictingAnswers };
}

/** The Markdown file of one imported topic; a draft answer when the export had none. */
export function topicFileText(topic: ImportedTopic): string {
  const frontmatter: Record<string, unknown> = { title: topic.title, questions: topic.questions };
  if (topic.answer === null) frontmatter.draft = true;
  const body =
    topic.answer ??
    `${DRAFT_MARKER}\n\nImported from the label "${topic.label}" without an answer. Write the answer here, ` +
      'then remove this paragraph, the line above and `draft: true`.';
  return `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n${body.trim()}\n`;
}

export interface ImportOptions {
  /** The export to read. */
  file: string;
  /** The knowledge directory to write. */
  outDir: string;
  /** Write into a non-empty directory, replacing its topic files and out-of-scope.txt. */
  force?: boolean | undefined;
  /** Rows with this label become out-of-scope.txt instead of a topic. */
  outOfScopeLabel?: string | undefined;
  /** The format, when the file name does not tell. */
  format?: ImportFormat | undefined;
  /** Called as topic files are written (every PROGRESS_EVERY files and at the end), for large exports. */
  onProgress?: ((done: number, total: number, stage: 'read' | 'write') => void) | undefined;
}

export interface ImportSummary {
  file: string;
  outDir: string;
  format: ImportFormat;
  rows: number;
  topics: number;
  phrasings: number;
  outOfScope: number;
  dropped: ImportPlan['dropped'];
  repeats: number;
  skipped: SkippedRow[];
  drafts: number;
  conflictingAnswers: string[];
  /** `careerbot check` on the written directory. */
  check: KnowledgeCheck;
}

export const PROGRESS_EVERY = 500;

function isTopicOrListFile(name: string): boolean {
  return (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') || name === OUT_OF_SCOPE_FILE;
}

/**
 * `careerbot import FILE --out DIR`: read an export (CSV, TSV, JSON Lines, Rasa NLU YAML), write a
 * knowledge directory that passes `check`, and return what was done. Refuses a non-empty directory
 * unless `force`; with `force`, replaces only the directory's topic files and out-of-scope.txt.
 */
export async function importKnowledge(options: ImportOptions): Promise<ImportSummary> {
  const format = options.format ?? formatOf(options.file);
  if (!format) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${options.file}: unknown format; use a .csv, .tsv, .jsonl or .yml (Rasa NLU) file`,
    );
  }
  let source: string;
  try {
    source = await readFile(options.file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new CareerbotError('careerbot_import_invalid', `${options.file} ${reason}`, { cause });
  }
  let existing: string[] = [];
  try {
    existing = (await readdir(options.outDir)).filter((name) => !name.startsWith('.'));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CareerbotError('careerbot_import_invalid', `${options.outDir} cannot be read`, { cause });
    }
  }
  if (existing.length > 0 && !options.force) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${options.outDir} is not empty (${existing.length} entr${existing.length === 1 ? 'y' : 'ies'}); ` +
        'choose an empty or new directory, or pass --force to replace its topic files and out-of-scope.txt',
    );
  }
  const read = readRows(source, format, options.file);
  options.onProgress?.(read.rows.length, read.rows.length, 'read');
  const plan = planImport(read, { outOfScopeLabel: options.outOfScopeLabel });
  if (plan.topics.length === 0) {
    throw new CareerbotError(
      'careerbot_import_invalid',
      `${options.file}: no topics to import (${read.rows.length} usable row(s)` +
        (options.outOfScopeLabel ? `, the rest labelled "${options.outOfScopeLabel}"` : '') +
        '); nothing was written',
    );
  }

  await mkdir(options.outDir, { recursive: true });
  for (const name of existing) {
    if (isTopicOrListFile(name)) await rm(path.join(options.outDir, name), { force: true });
  }
  const total = plan.topics.length;
  for (const [i, topic] of plan.topics.entries()) {
    await writeFile(path.join(options.outDir, `${topic.id}.md`), topicFileText(topic), 'utf8');
    if ((i + 1) % PROGRESS_EVERY === 0) options.onProgress?.(i + 1, total, 'write');
  }
  options.onProgress?.(total, total, 'write');
  if (plan.outOfScope.length > 0) {
    const header = `# Out-of-scope phrasings imported from ${path.basename(options.file)} (label "${options.outOfScopeLabel}")`;
    await writeFile(path.join(options.outDir, OUT_OF_SCOPE_FILE), [header, ...plan.outOfScope].join('\n') + '\n', 'utf8');
  }
  const check = await checkKnowledge(options.outDir);
  return {
    file: options.file,
    outDir: options.outDir,
    format,
    rows: read.rows.length + read.skipped.length,
    topics: plan.topics.length,
    phrasings: plan.topics.reduce((sum, topic) => sum + topic.questions.length, 0),
    outOfScope: plan.outOfScope.length,
    dropped: plan.dropped,
    repeats: plan.repeats,
    skipped: plan.skipped,
    drafts: plan.topics.filter((topic) => topic.answer === null).length,
    conflictingAnswers: plan.conflictingAnswers,
    check,
  };
}

/** The one-line summary `careerbot import` prints. */
export function summaryLine(summary: ImportSummary): string {
  return (
    `imported ${summary.file} -> ${summary.outDir}: ${summary.topics} topics, ${summary.phrasings} phrasings, ` +
    `${summary.dropped.length} dropped (under two labels), ${summary.drafts} drafts` +
    (summary.outOfScope > 0 ? `, ${summary.outOfScope} out-of-scope phrasings` : '') +
    (summary.repeats > 0 ? `, ${summary.repeats} repeats left out` : '') +
    (summary.skipped.length > 0 ? `, ${summary.skipped.length} rows skipped` : '')
  );
}
