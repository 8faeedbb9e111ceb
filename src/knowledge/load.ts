import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { ZodError } from 'zod';
import { CareerbotError } from '../errors.js';
import { normalizeKnowledgeText } from '../text/normalize.js';
import { describeLeftOut, filterBuiltinOutOfScope, type OutOfScopeLeftOut } from './out-of-scope.js';
import type { KnowledgeBase, Topic } from '../types.js';
import { parseSimpleFrontmatter } from './frontmatter.js';
import { resolveIdentity } from './identity.js';
import {
  DRAFT_MARKER,
  IDENTITY_FILE,
  identitySchema,
  type IdentityFile,
  MAX_RECOMMENDED_ANSWER_CHARS,
  MIN_RECOMMENDED_QUESTIONS,
  TOPIC_ID,
  topicFrontmatterSchema,
} from './schema.js';

export interface KnowledgeProblem {
  severity: 'error' | 'warning';
  /** Path of the file, relative to the knowledge directory. */
  file: string;
  /** The field at fault (`title`, `questions[2]`, `body`, ...), or `file` for the whole file. */
  field: string;
  message: string;
}

export interface KnowledgeCheck {
  /** The knowledge base, when there are no errors (warnings allowed). */
  knowledge: KnowledgeBase | null;
  problems: KnowledgeProblem[];
  /** How many topic files were read. */
  files: number;
  /** Built-in off-topic phrasings left out because they resemble topics; null when the knowledge has its own list or has errors. */
  outOfScopeLeftOut: OutOfScopeLeftOut | null;
}

/** Optional file in a knowledge directory: one out-of-scope phrasing per line, `#` starts a comment. */
export const OUT_OF_SCOPE_FILE = 'out-of-scope.txt';
/** Used when a knowledge directory has no `out-of-scope.txt`: every file in it (see their headers). */
export const BUILTIN_OUT_OF_SCOPE_DIR = path.resolve(import.meta.dirname, '../../resources/out-of-scope');

export function parseOutOfScope(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** The knowledge directory's own out-of-scope list, used as it is; else the built-in one (`builtin: true`). */
async function readOutOfScope(dir: string): Promise<{ phrasings: string[]; builtin: boolean }> {
  try {
    return { phrasings: parseOutOfScope(await readFile(path.join(dir, OUT_OF_SCOPE_FILE), 'utf8')), builtin: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const files = (await readdir(BUILTIN_OUT_OF_SCOPE_DIR)).filter((name) => name.endsWith('.txt')).sort();
  const texts = await Promise.all(files.map((name) => readFile(path.join(BUILTIN_OUT_OF_SCOPE_DIR, name), 'utf8')));
  return { phrasings: texts.flatMap(parseOutOfScope), builtin: true };
}

/**
 * The directory's `bot.yaml`, validated; `{}` when there is none (neutral defaults). Problems name
 * the file and field; a bad file still yields `{}`, so the topics are checked as usual.
 */
async function readIdentity(dir: string): Promise<{ file: IdentityFile | null; problems: KnowledgeProblem[] }> {
  let source: string;
  try {
    source = await readFile(path.join(dir, IDENTITY_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { file: {}, problems: [] };
    throw error;
  }
  const problems: KnowledgeProblem[] = [];
  // Read like the topic files' frontmatter: at a cold start this file would be the only one that needs
  // the YAML library.
  const { data, errors } = readYaml(source);
  if (errors.length > 0) {
    for (const { line, message } of errors) {
      problems.push({
        severity: 'error',
        file: IDENTITY_FILE,
        field: 'file',
        message: `YAML error${line ? ` on line ${line}` : ''}: ${message}`,
      });
    }
    return { file: null, problems };
  }
  const parsed = identitySchema.safeParse(data);
  if (!parsed.success) return { file: null, problems: zodProblems(IDENTITY_FILE, parsed.error, 'file') };
  return { file: parsed.data, problems };
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Files in the knowledge directory that are not topics. */
function isTopicFile(name: string): boolean {
  return name.endsWith('.md') && !name.startsWith('.') && !name.startsWith('_') && name.toLowerCase() !== 'readme.md';
}

async function listTopicFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && isTopicFile(entry.name))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .filter((relative) => !relative.split(path.sep).some((part) => part.startsWith('.')))
    .sort();
}

function zodProblems(file: string, error: ZodError, root = 'frontmatter'): KnowledgeProblem[] {
  return error.issues.map((issue) => {
    const field =
      issue.path.length === 0
        ? root
        : issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i ? '.' : ''}${String(part)}`)).join('');
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    return { severity: 'error' as const, file, field, message };
  });
}

interface ParsedFile {
  /** Marked `draft: true` (an imported topic still waiting for its answer). */
  draft: boolean;
  /** The topic when its frontmatter parsed, even with other errors: the cross-file rules still see it. */
  candidate: Topic | null;
  problems: KnowledgeProblem[];
  /** The normalised key of each kept question, and its index in the file's `questions`. */
  questionKeys: string[];
  questionIndexes: number[];
}

/** Parse one file's text into a topic, or problems. Exported for tests and hot reload. */
export function parseTopicFile(
  file: string,
  source: string,
): { topic: Topic | null; problems: KnowledgeProblem[]; questionKeys: string[] } {
  const parsed = readTopicFile(file, source);
  const ok = !parsed.problems.some((problem) => problem.severity === 'error');
  return ok
    ? { topic: parsed.candidate, problems: parsed.problems, questionKeys: parsed.questionKeys }
    : { topic: null, problems: parsed.problems, questionKeys: [] };
}

function readTopicFile(file: string, source: string): ParsedFile {
  const problems: KnowledgeProblem[] = [];
  const error = (field: string, message: string) => problems.push({ severity: 'error', file, field, message });
  const id = path.basename(file, '.md');
  if (!TOPIC_ID.test(id)) {
    error('id', `file name "${id}" is not a valid topic id: use lowercase letters, digits and hyphens`);
  }
  const match = FRONTMATTER.exec(source);
  if (!match) {
    error('frontmatter', 'the file must start with YAML frontmatter between two "---" lines');
    return { draft: false, candidate: null, problems, questionKeys: [], questionIndexes: [] };
  }
  const [, yamlText = '', bodyText = ''] = match;
  const { data, errors } = readYaml(yamlText);
  if (errors.length > 0) {
    for (const { line, message } of errors)
      error('frontmatter', `YAML error${line ? ` on frontmatter line ${line}` : ''}: ${message}`);
    return { draft: false, candidate: null, problems, questionKeys: [], questionIndexes: [] };
  }
  const parsed = topicFrontmatterSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...zodProblems(file, parsed.error));
    return { draft: false, candidate: null, problems, questionKeys: [], questionIndexes: [] };
  }
  const body = bodyText.trim();
  if (body === '') error('body', 'the answer (the Markdown after the frontmatter) is empty');
  const { title, questions, keywords, terms, related, sources } = parsed.data;

  const seen = new Map<string, number>();
  // Normalised once here; the cross-file check reuses the keys. A repeat within the topic (exports
  // often hold "I want to buy" and "I want to buy.") is a warning and is left out; it changes nothing.
  const kept: string[] = [];
  const questionKeys: string[] = [];
  const questionIndexes: number[] = [];
  questions.forEach((question, i) => {
    const key = normalizeKnowledgeText(question).text;
    if (key === '') {
      error(`questions[${i}]`, `"${question}" has no words in it`);
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        severity: 'warning',
        file,
        field: `questions[${i}]`,
        message: `repeats questions[${first}] ("${questions[first]}") once normalised; the repeat is ignored`,
      });
      return;
    }
    seen.set(key, i);
    kept.push(question);
    questionKeys.push(key);
    questionIndexes.push(i);
  });
  if (kept.length < MIN_RECOMMENDED_QUESTIONS) {
    problems.push({
      severity: 'warning',
      file,
      field: 'questions',
      message: `only ${kept.length} sample question(s): add at least ${MIN_RECOMMENDED_QUESTIONS} varied phrasings so the matcher recognises the topic`,
    });
  }
  if (body.length > MAX_RECOMMENDED_ANSWER_CHARS) {
    problems.push({
      severity: 'warning',
      file,
      field: 'body',
      message: `the answer is ${body.length} characters; keep it under ${MAX_RECOMMENDED_ANSWER_CHARS} so it fits one chat message`,
    });
  }
  related.forEach((other, i) => {
    if (other === id) error(`related[${i}]`, 'a topic cannot be related to itself');
  });
  return {
    draft: parsed.data.draft || body.startsWith(DRAFT_MARKER),
    candidate: { id, title, questions: kept, keywords, terms, related, sources, body, file },
    problems,
    questionKeys,
    questionIndexes,
  };
}

/** What the cross-file rules need of each parsed file. */
interface CrossCheckEntry {
  topic: Topic;
  questionKeys: string[];
  questionIndexes: number[];
}

/**
 * Rules that span files: unique ids, known `related` ids, no sample question in two topics. `rejected`
 * holds the ids of files that exist but failed to parse: a `related` id naming one is not "unknown"
 * (that file's own errors say what is wrong), so one bad file raises no follow-on errors in others.
 */
function crossCheck(entries: CrossCheckEntry[], rejected: ReadonlySet<string>): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const byId = new Map<string, Topic>();
  for (const { topic } of entries) {
    const other = byId.get(topic.id);
    if (other) {
      problems.push({
        severity: 'error',
        file: topic.file,
        field: 'id',
        message: `duplicate topic id "${topic.id}": also defined by ${other.file}`,
      });
    } else byId.set(topic.id, topic);
  }
  problems.push(...sharedTerms(entries.map((entry) => entry.topic)));
  const owner = new Map<string, { topic: Topic; index: number }>();
  for (const { topic, questionKeys, questionIndexes } of entries) {
    topic.related.forEach((other, i) => {
      if (!byId.has(other) && !rejected.has(other)) {
        problems.push({ severity: 'error', file: topic.file, field: `related[${i}]`, message: `unknown topic id "${other}"` });
      }
    });
    topic.questions.forEach((question, i) => {
      const key = questionKeys[i]!;
      const index = questionIndexes[i]!;
      const first = owner.get(key);
      if (first && first.topic !== topic) {
        problems.push({
          severity: 'error',
          file: topic.file,
          field: `questions[${index}]`,
          message: `"${question}" is also a sample question of ${first.topic.file} (questions[${first.index}]): a phrasing can belong to one topic only`,
        });
      } else if (!first) owner.set(key, { topic, index });
    });
  }
  return problems;
}

/** A glossary term listed by two topics points to neither: a warning on the second, naming the first. */
function sharedTerms(topics: readonly Topic[]): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const first = new Map<string, Topic>();
  for (const topic of topics) {
    topic.terms.forEach((term, i) => {
      const key = normalizeKnowledgeText(term).text;
      const other = first.get(key);
      if (other && other !== topic) {
        problems.push({
          severity: 'warning',
          file: topic.file,
          field: `terms[${i}]`,
          message: `"${term}" is also a term of ${other.file}: a term two topics list points to neither`,
        });
      } else if (!other) first.set(key, topic);
    });
  }
  return problems;
}

export interface KnowledgeOptions {
  /** Resemblance at which a built-in off-topic phrasing is left out (for measurement; see out-of-scope.ts). */
  outOfScopeThreshold?: number;
}

/** Read and validate every topic file under `dir`, collecting every problem instead of stopping at the first. */
export async function checkKnowledge(dir: string, options: KnowledgeOptions = {}): Promise<KnowledgeCheck> {
  let files: string[];
  try {
    files = await listTopicFiles(dir);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new CareerbotError('careerbot_knowledge_unreadable', `knowledge directory ${dir} ${reason}`, { cause });
  }
  const problems: KnowledgeProblem[] = [];
  if (files.length === 0) {
    problems.push({ severity: 'error', file: '.', field: 'file', message: `no topic files (*.md) in ${dir}` });
  }
  const [sources, outOfScope, identity] = await Promise.all([
    Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8'))),
    readOutOfScope(dir),
    readIdentity(dir),
  ]);
  problems.push(...identity.problems);
  const topics: Topic[] = [];
  const entries: CrossCheckEntry[] = [];
  const rejected = new Set<string>();
  const drafts: string[] = [];
  files.forEach((file, i) => {
    const parsed = readTopicFile(file, sources[i] ?? '');
    problems.push(...parsed.problems);
    if (parsed.draft) drafts.push(file);
    if (parsed.candidate) {
      entries.push({ topic: parsed.candidate, questionKeys: parsed.questionKeys, questionIndexes: parsed.questionIndexes });
    } else {
      rejected.add(path.basename(file, '.md'));
    }
    if (parsed.candidate && !parsed.problems.some((problem) => problem.severity === 'error')) topics.push(parsed.candidate);
  });
  problems.push(...crossCheck(entries, rejected));
  identity.file?.featured?.forEach((id, i) => {
    // A featured topic whose file failed to parse is not "unknown": that file's errors say what is wrong.
    if (!entries.some((entry) => entry.topic.id === id) && !rejected.has(id)) {
      problems.push({ severity: 'error', file: IDENTITY_FILE, field: `featured[${i}]`, message: `unknown topic id "${id}"` });
    }
  });
  if (drafts.length > 0) {
    // One line for all of them: an imported intent data set can have hundreds.
    problems.push({
      severity: 'warning',
      file: drafts.length === 1 ? drafts[0]! : '.',
      field: 'draft',
      message:
        `${drafts.length} draft answer${drafts.length === 1 ? '' : 's'} (draft: true): write ` +
        `${drafts.length === 1 ? 'it' : 'them'}, then remove the draft line: ` +
        drafts.slice(0, 5).join(', ') +
        (drafts.length > 5 ? `, and ${drafts.length - 5} more` : ''),
    });
  }
  const ok = !problems.some((problem) => problem.severity === 'error');
  if (!ok) return { knowledge: null, problems, files: files.length, outOfScopeLeftOut: null };
  let phrasings = outOfScope.phrasings;
  let outOfScopeLeftOut: OutOfScopeLeftOut | null = null;
  if (outOfScope.builtin) {
    const filtered = filterBuiltinOutOfScope(outOfScope.phrasings, topics, options.outOfScopeThreshold);
    phrasings = filtered.kept;
    outOfScopeLeftOut = filtered.leftOut;
    if (filtered.leftOut.count > 0) {
      problems.push({
        severity: 'warning',
        file: OUT_OF_SCOPE_FILE,
        field: 'built-in',
        message: describeLeftOut(filtered.leftOut),
      });
    }
  }
  return {
    knowledge: {
      dir,
      identity: resolveIdentity(identity.file ?? {}, topics),
      topics,
      byId: new Map(topics.map((topic) => [topic.id, topic])),
      outOfScope: phrasings,
    },
    problems,
    files: files.length,
    outOfScopeLeftOut,
  };
}

export function formatProblem(problem: KnowledgeProblem): string {
  return `${problem.severity}: ${problem.file}: ${problem.field}: ${problem.message}`;
}

/** Load a knowledge directory; any error stops loading with every problem, each naming its file and field. */
export async function loadKnowledge(
  dir: string,
  options: KnowledgeOptions = {},
): Promise<{
  knowledge: KnowledgeBase;
  warnings: KnowledgeProblem[];
  outOfScopeLeftOut: OutOfScopeLeftOut | null;
}> {
  const result = await checkKnowledge(dir, options);
  if (!result.knowledge) {
    const errors = result.problems.filter((problem) => problem.severity === 'error');
    throw new CareerbotError(
      'careerbot_knowledge_invalid',
      `knowledge in ${dir} is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
  }
  return { knowledge: result.knowledge, warnings: result.problems, outOfScopeLeftOut: result.outOfScopeLeftOut };
}

/**
 * YAML read without the library when it is plain (key: value, block lists, comments, folded
 * paragraphs: nearly every file), since the library is slow before the JIT has compiled it; anything
 * else, including every text with a YAML error, goes to the library, whose errors come with their line.
 */
function readYaml(text: string): { data: unknown; errors: { line: number | undefined; message: string }[] } {
  const plain = parseSimpleFrontmatter(text);
  if (plain !== null) return { data: plain, errors: [] };
  const document = parseDocument(text, { prettyErrors: false });
  if (document.errors.length > 0) {
    const errors = document.errors.map((e) => ({ line: e.linePos?.[0]?.line, message: e.message.split('\n')[0] ?? '' }));
    return { data: null, errors };
  }
  return { data: document.toJS() ?? {}, errors: [] };
}
