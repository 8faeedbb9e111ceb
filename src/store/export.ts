import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { CareerbotError } from '../errors.js';
import { checkKnowledge, formatProblem } from '../knowledge/load.js';
import { normalize } from '../text/normalize.js';
import type { LearnedPhrasing } from './store.js';

/**
 * `careerbot learned export`: learned phrasings become sample questions in the knowledge files, so
 * what the bot learned is reviewed in version control. Only each file's `questions` list changes
 * (comments, order and the answer are kept); the result is checked like `careerbot check`, and put
 * back as it was if the check fails.
 */

export interface ExportResult {
  /** Written into a topic's questions. */
  exported: { phrasing: LearnedPhrasing; file: string }[];
  /** Already a sample question of the same topic: nothing to write. */
  existing: LearnedPhrasing[];
  /** A sample question of another topic (after normalisation): left for a moderator to decide. */
  collisions: { phrasing: LearnedPhrasing; topicId: string }[];
  /** The topic no longer exists. */
  unknownTopic: LearnedPhrasing[];
  /** Files changed, relative to the knowledge directory. */
  files: string[];
}

const FRONTMATTER = /^(\uFEFF?---[ \t]*\r?\n)([\s\S]*?\r?\n)(---[ \t]*(?:\r?\n|$))/;

/** Append `questions` to the frontmatter's `questions` list, leaving the rest of the file as it is. */
export function appendQuestions(source: string, questions: readonly string[], file: string): string {
  const match = FRONTMATTER.exec(source);
  const [whole = '', open = '', yamlText = ''] = match ?? [];
  const document = parseDocument(yamlText);
  const list = document.get('questions', true);
  if (!match || document.errors.length > 0 || !isSeq(list)) {
    throw new CareerbotError('careerbot_knowledge_invalid', `${file}: no readable "questions" list in the frontmatter`);
  }
  for (const question of questions) list.add(document.createNode(question));
  const yaml = document.toString({ lineWidth: 0, flowCollectionPadding: false });
  return open + yaml + source.slice(open.length + yamlText.length, whole.length) + source.slice(whole.length);
}

export async function exportLearned(knowledgeDir: string, phrasings: readonly LearnedPhrasing[]): Promise<ExportResult> {
  const before = await checkKnowledge(knowledgeDir);
  if (!before.knowledge) {
    const errors = before.problems.filter((problem) => problem.severity === 'error');
    throw new CareerbotError(
      'careerbot_knowledge_invalid',
      `knowledge in ${knowledgeDir} has errors; fix them before exporting (careerbot check):\n` +
        errors.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
  }
  const { topics, byId } = before.knowledge;
  const owner = new Map<string, string>();
  for (const topic of topics) for (const question of topic.questions) owner.set(normalize(question).text, topic.id);

  const result: ExportResult = { exported: [], existing: [], collisions: [], unknownTopic: [], files: [] };
  const additions = new Map<string, string[]>();
  for (const phrasing of phrasings) {
    const topic = byId.get(phrasing.topicId);
    if (!topic) {
      result.unknownTopic.push(phrasing);
      continue;
    }
    const key = normalize(phrasing.text).text;
    const current = owner.get(key);
    if (current === topic.id) result.existing.push(phrasing);
    else if (current !== undefined) result.collisions.push({ phrasing, topicId: current });
    else if (key !== '') {
      owner.set(key, topic.id);
      additions.set(topic.file, [...(additions.get(topic.file) ?? []), phrasing.text]);
      result.exported.push({ phrasing, file: topic.file });
    }
  }

  const originals = new Map<string, string>();
  const write = async (file: string, text: string) => {
    // Write beside, then rename: a reader (the running bot's watcher) never sees half a file.
    const target = path.join(knowledgeDir, file);
    const temporary = path.join(path.dirname(target), `.${path.basename(target)}.export-${process.pid}`);
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  };
  try {
    for (const [file, questions] of additions) {
      const source = await readFile(path.join(knowledgeDir, file), 'utf8');
      originals.set(file, source);
      await write(file, appendQuestions(source, questions, file));
    }
    const after = await checkKnowledge(knowledgeDir);
    if (!after.knowledge) {
      const errors = after.problems.filter((problem) => problem.severity === 'error');
      throw new CareerbotError(
        'careerbot_knowledge_invalid',
        `the exported knowledge would not pass careerbot check, so nothing was changed:\n` +
          errors.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
      );
    }
  } catch (error) {
    for (const [file, source] of originals) await write(file, source);
    throw error;
  }
  result.files = [...additions.keys()].sort();
  return result;
}
