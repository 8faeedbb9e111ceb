import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Labelled evaluation sets. A case's `labels` are the topic ids that fully answer it; `null` means no
 * topic does (the bot should decline). Two formats are read: JSON Lines `{"q", "topic"}` and the
 * community sets' TSV (`question<TAB>labels`, labels comma-separated or `OOS`). Follow-up sets are
 * `first<TAB>follow-up<TAB>labels of the follow-up`.
 */
export interface EvalCase {
  q: string;
  labels: string[] | null;
}

export interface FollowupCase {
  first: string;
  followup: string;
  labels: string[] | null;
}

export interface EvalSet {
  name: string;
  cases: EvalCase[];
}

export interface FollowupSet {
  name: string;
  cases: FollowupCase[];
}

function lines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
}

function parseLabels(field: string, where: string): string[] | null {
  const value = field.trim();
  if (value === '') throw new Error(`${where}: empty labels`);
  return value === 'OOS' ? null : value.split(',').map((label) => label.trim());
}

export function readEvalCases(file: string): EvalCase[] {
  return lines(file).map((line, i) => {
    const where = `${file}:${i + 1}`;
    if (file.endsWith('.jsonl')) {
      const parsed = JSON.parse(line) as { q?: unknown; topic?: unknown };
      if (typeof parsed.q !== 'string' || !(typeof parsed.topic === 'string' || parsed.topic === null)) {
        throw new Error(`${where}: expected {"q": string, "topic": string | null}`);
      }
      return { q: parsed.q, labels: parsed.topic === null ? null : [parsed.topic] };
    }
    const [q, labels] = line.split('\t');
    if (q === undefined || labels === undefined) throw new Error(`${where}: expected question<TAB>labels`);
    return { q, labels: parseLabels(labels, where) };
  });
}

export function readFollowupCases(file: string): FollowupCase[] {
  return lines(file).map((line, i) => {
    const where = `${file}:${i + 1}`;
    const [first, followup, labels] = line.split('\t');
    if (first === undefined || followup === undefined || labels === undefined) {
      throw new Error(`${where}: expected first<TAB>follow-up<TAB>labels`);
    }
    return { first, followup, labels: parseLabels(labels, where) };
  });
}

/** The labelled sets under tests/eval/: the regression set, the tuning set and the community-style sets. */
export function defaultSets(root: string): { sets: EvalSet[]; followups: FollowupSet[] } {
  const at = (name: string) => path.join(root, 'tests/eval', name);
  const sets: EvalSet[] = [
    { name: 'career.jsonl (regression)', cases: readEvalCases(at('career.jsonl')) },
    { name: 'career-dev.jsonl', cases: readEvalCases(at('career-dev.jsonl')) },
    { name: 'community-own.tsv', cases: readEvalCases(at('community-own.tsv')) },
    { name: 'community english.dev.tsv', cases: readEvalCases(at('community/english.dev.tsv')) },
    { name: 'community hinglish.dev.tsv', cases: readEvalCases(at('community/hinglish.dev.tsv')) },
    { name: 'heldout.tsv', cases: readEvalCases(at('heldout.tsv')) },
  ];
  const followups: FollowupSet[] = [
    { name: 'followups-own.tsv', cases: readFollowupCases(at('followups-own.tsv')) },
    { name: 'community followups.dev.tsv', cases: readFollowupCases(at('community/followups.dev.tsv')) },
    { name: 'heldout-followups.tsv', cases: readFollowupCases(at('heldout-followups.tsv')) },
  ];
  return { sets, followups };
}
