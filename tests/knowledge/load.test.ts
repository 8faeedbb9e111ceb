import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CareerbotError } from '../../src/errors.js';
import {
  checkKnowledge,
  formatProblem,
  loadKnowledge,
  type KnowledgeCheck,
  type KnowledgeProblem,
} from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/types.js';

const SHIPPED = path.resolve(import.meta.dirname, '../../knowledge');

/** The topic ids issue 2 requires, each answering what its name says. */
const REQUIRED_IDS = [
  'what-is-backend',
  'role',
  'frontend-vs-backend',
  'skills',
  'soft-skills',
  'languages',
  'sql-backend-language',
  'frameworks',
  'databases',
  'version-control',
  'apis',
  'web-servers',
  'tools',
  'security',
  'performance',
  'testing-debugging',
  'how-to-become',
  'degree',
  'courses-training',
  'portfolio-projects',
  'gaining-experience',
  'interview-prep',
  'salary-india',
  'salary-us',
  'salary-growth',
  'job-titles',
  'backend-role-types',
  'companies-hiring',
  'work-life',
  'staying-current',
  'collaboration',
];

// ---------------------------------------------------------------------------------------------
// Fixtures: small knowledge directories written to a temp dir, one per test.

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** Writes `files` (relative path -> content) into a fresh temp directory and returns its path. */
async function knowledgeDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-knowledge-'));
  roots.push(dir);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content, 'utf8');
  }
  return dir;
}

/** A topic file from raw YAML frontmatter and a body. */
function raw(frontmatter: string, body = 'A short answer with **bold** text.'): string {
  return `---\n${frontmatter}\n---\n${body}\n`;
}

/** A valid topic file; `extra` is appended to the frontmatter (related, sources...). */
function topic(title: string, questions: string[], extra = '', body?: string): string {
  const list = questions.map((question) => `  - ${JSON.stringify(question)}`).join('\n');
  return raw(`title: ${JSON.stringify(title)}\nquestions:\n${list}${extra ? `\n${extra}` : ''}`, body);
}

const COOKING = topic('How to cook rice', ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy']);
const BAKING = topic('How to bake bread', ['How do I bake bread?', 'bread needs how much yeast', 'why is my loaf dense']);

function errorsOf(problems: KnowledgeProblem[]): KnowledgeProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

// ---------------------------------------------------------------------------------------------

describe('the shipped knowledge base', () => {
  let shipped: KnowledgeCheck;
  // Read once; every test below fails with the loader's own errors if it does not load.
  beforeAll(async () => {
    shipped = await checkKnowledge(SHIPPED);
  });
  const knowledge = (): KnowledgeBase => {
    if (!shipped.knowledge) throw new Error(errorsOf(shipped.problems).map(formatProblem).join('\n'));
    return shipped.knowledge;
  };

  it('loads with zero errors', () => {
    expect(errorsOf(shipped.problems).map(formatProblem)).toEqual([]);
    expect(shipped.knowledge).not.toBeNull();
    expect(shipped.files).toBe(knowledge().topics.length);
  });

  it('has every topic id the issue requires', () => {
    const ids = new Set(knowledge().topics.map((t) => t.id));
    expect(REQUIRED_IDS.filter((id) => !ids.has(id))).toEqual([]);
    expect(ids.size).toBeGreaterThanOrEqual(REQUIRED_IDS.length);
  });

  it('gives every career topic at least 5 sample questions and an answer of at most 1,400 characters', () => {
    const { topics } = knowledge();
    expect(topics.filter((t) => t.questions.length < 5).map((t) => `${t.id}: ${t.questions.length} questions`)).toEqual([]);
    expect(topics.filter((t) => t.body.length > 1_400).map((t) => `${t.id}: ${t.body.length} characters`)).toEqual([]);
  });

  it('gives every topic a title, a non-empty answer and only related ids that exist', () => {
    const { topics, byId } = knowledge();
    for (const t of topics) {
      expect(t.title.trim(), t.id).not.toBe('');
      expect(t.body.trim(), t.id).not.toBe('');
      for (const other of t.related) expect(byId.has(other), `${t.id} -> ${other}`).toBe(true);
    }
  });

  it.each(['salary-india', 'salary-us', 'salary-growth', 'job-titles'])(
    '%s names its source, gives a currency and says figures vary',
    (id) => {
      const salary = knowledge().byId.get(id);
      expect(salary, id).toBeDefined();
      const { body, sources } = salary!;
      expect(sources.length).toBeGreaterThan(0);
      // The body attributes its figures: at least one listed source's name (its first word) appears in it.
      const names = sources.map((source) => source.title.split(/[\s:]+/)[0]!.toLowerCase());
      expect(
        names.some((name) => body.toLowerCase().includes(name)),
        `${id} body names none of ${names.join(', ')}`,
      ).toBe(true);
      expect(body).toMatch(/₹|\bINR\b|\$|\bUSD\b/);
      expect(body).toMatch(/\bvary\b/i);
    },
  );
});

describe('knowledge rules: each broken fixture stops loading with an error naming the file and the field', () => {
  const cases: Array<{ rule: string; files: Record<string, string>; file: string; field: string; message: RegExp }> = [
    {
      rule: 'invalid YAML',
      files: { 'rice.md': COOKING, 'broken.md': raw('title: [unclosed\nquestions:\n  - how do I fix this') },
      file: 'broken.md',
      field: 'frontmatter',
      message: /YAML/,
    },
    {
      rule: 'missing title',
      files: { 'rice.md': COOKING, 'untitled.md': raw('questions:\n  - one\n  - two\n  - three') },
      file: 'untitled.md',
      field: 'title',
      message: /./,
    },
    {
      rule: 'empty title',
      files: { 'rice.md': COOKING, 'untitled.md': raw('title: "   "\nquestions:\n  - one\n  - two\n  - three') },
      file: 'untitled.md',
      field: 'title',
      message: /empty/,
    },
    {
      rule: 'empty questions list',
      files: { 'rice.md': COOKING, 'quiet.md': raw('title: Quiet\nquestions: []') },
      file: 'quiet.md',
      field: 'questions',
      message: /at least one/,
    },
    {
      rule: 'questions that is not a list',
      files: { 'rice.md': COOKING, 'quiet.md': raw('title: Quiet\nquestions: how do I cook') },
      file: 'quiet.md',
      field: 'questions',
      message: /list/,
    },
    {
      rule: 'unknown field (typo "question:")',
      files: { 'rice.md': COOKING, 'typo.md': raw('title: Typo\nquestion:\n  - one\n  - two\n  - three') },
      file: 'typo.md',
      field: 'frontmatter',
      message: /unknown field.*\bquestion\b/,
    },
    {
      rule: 'source url that is not a URL',
      files: {
        'rice.md': COOKING,
        'sourced.md': topic('Sourced', ['a b', 'c d', 'e f'], 'sources:\n  - title: A blog\n    url: not a url'),
      },
      file: 'sourced.md',
      field: 'sources[0].url',
      message: /URL/,
    },
    {
      rule: 'source without a title',
      files: {
        'rice.md': COOKING,
        'sourced.md': topic('Sourced', ['a b', 'c d', 'e f'], 'sources:\n  - url: https://example.com/'),
      },
      file: 'sourced.md',
      field: 'sources[0].title',
      message: /./,
    },
    {
      rule: 'file name that is not a valid id',
      files: { 'rice.md': COOKING, 'Bad_Name.md': BAKING },
      file: 'Bad_Name.md',
      field: 'id',
      message: /Bad_Name/,
    },
    {
      rule: 'unknown related id',
      files: { 'rice.md': COOKING, 'bread.md': topic('Bread', ['a b', 'c d', 'e f'], 'related:\n  - rice\n  - no-such-topic') },
      file: 'bread.md',
      field: 'related[1]',
      message: /no-such-topic/,
    },
    {
      rule: 'related id that is not an id',
      files: { 'rice.md': COOKING, 'bread.md': topic('Bread', ['a b', 'c d', 'e f'], 'related:\n  - Rice Cooking') },
      file: 'bread.md',
      field: 'related[0]',
      message: /topic id/,
    },
    {
      rule: 'topic related to itself',
      files: { 'rice.md': COOKING, 'bread.md': topic('Bread', ['a b', 'c d', 'e f'], 'related:\n  - bread') },
      file: 'bread.md',
      field: 'related[0]',
      message: /itself/,
    },
    {
      rule: 'duplicate id (same file name in two subfolders)',
      files: { 'one/dup.md': COOKING, 'two/dup.md': BAKING },
      file: path.join('two', 'dup.md'),
      field: 'id',
      message: new RegExp(`duplicate.*one[\\\\/]dup\\.md`),
    },
    {
      rule: 'empty answer body',
      files: { 'rice.md': COOKING, 'bread.md': topic('Bread', ['a b', 'c d', 'e f'], '', '   \n\n  ') },
      file: 'bread.md',
      field: 'body',
      message: /empty/,
    },
    {
      rule: 'the same sample question in two topics (case, punctuation, "back-end" vs "backend")',
      files: {
        'a-first.md': topic('First', ['What does a back-end dev do?', 'first topic question', 'another first one']),
        'b-second.md': topic('Second', ['second topic question', 'another second one', 'WHAT does a Backend developer do!!']),
      },
      file: 'b-second.md',
      field: 'questions[2]',
      message: /a-first\.md.*questions\[0\]/,
    },
    {
      rule: 'a question with no words',
      files: { 'rice.md': topic('Rice', ['How do I cook rice?', '?!', 'rice to water ratio']) },
      file: 'rice.md',
      field: 'questions[1]',
      message: /no words/,
    },
    {
      rule: 'missing frontmatter',
      files: { 'rice.md': COOKING, 'plain.md': '# Plain\n\nJust Markdown, no frontmatter.\n' },
      file: 'plain.md',
      field: 'frontmatter',
      message: /frontmatter/,
    },
    {
      rule: 'frontmatter that is a list, not fields',
      files: { 'rice.md': COOKING, 'list.md': raw('- title\n- questions') },
      file: 'list.md',
      field: 'frontmatter',
      message: /./,
    },
  ];

  it.each(cases)('$rule', async ({ files, file, field, message }) => {
    const dir = await knowledgeDir(files);

    const result = await checkKnowledge(dir);
    expect(result.knowledge).toBeNull();
    const errors = errorsOf(result.problems);
    expect(errors.length).toBeGreaterThan(0);
    // Every error belongs to the broken file; the valid neighbours raise nothing.
    expect(errors.map((problem) => problem.file)).toEqual(errors.map(() => file));
    expect(errors).toContainEqual(expect.objectContaining({ file, field, message: expect.stringMatching(message) }));

    const thrown = await loadKnowledge(dir).then(
      () => null,
      (error: unknown) => error,
    );
    expect(thrown).toBeInstanceOf(CareerbotError);
    expect((thrown as CareerbotError).code).toBe('careerbot_knowledge_invalid');
    expect((thrown as CareerbotError).message).toContain(`${file}: ${field}:`);
  });
});

describe('loadKnowledge and checkKnowledge', () => {
  it('loads a valid directory with every field', async () => {
    const dir = await knowledgeDir({
      'rice.md': topic(
        'How to cook rice',
        ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'],
        'keywords:\n  - basmati\nrelated:\n  - bread\nsources:\n  - title: Grandma\n  - title: A blog\n    url: https://example.com/rice',
        'Rinse it, then use **1.5 cups** of water per cup.',
      ),
      'bread.md': BAKING,
    });
    const { knowledge, warnings } = await loadKnowledge(dir);
    expect(warnings).toEqual([]);
    expect(knowledge.topics.map((t) => t.id).sort()).toEqual(['bread', 'rice']);
    expect(knowledge.byId.get('rice')).toMatchObject({
      id: 'rice',
      title: 'How to cook rice',
      questions: ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'],
      keywords: ['basmati'],
      related: ['bread'],
      sources: [{ title: 'Grandma' }, { title: 'A blog', url: 'https://example.com/rice' }],
      body: 'Rinse it, then use **1.5 cups** of water per cup.',
      file: 'rice.md',
    });
    expect(knowledge.byId.get('bread')).toMatchObject({ keywords: [], related: [], sources: [] });
  });

  it('accepts CRLF line endings and a byte-order mark', async () => {
    const dir = await knowledgeDir({ 'rice.md': `\uFEFF${COOKING.replace(/\n/g, '\r\n')}` });
    const { knowledge } = await loadKnowledge(dir);
    expect(knowledge.byId.get('rice')?.title).toBe('How to cook rice');
    expect(knowledge.byId.get('rice')?.questions).toHaveLength(3);
  });

  it.each([
    {
      what: 'fewer than 3 sample questions',
      file: topic('Rice', ['How do I cook rice?', 'rice to water ratio']),
      field: 'questions',
      message: /only 2/,
    },
    {
      what: 'an answer longer than one chat message',
      file: topic('Rice', ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'], '', 'word '.repeat(400)),
      field: 'body',
      message: /characters/,
    },
  ])('warns about $what without stopping loading', async ({ file, field, message }) => {
    const dir = await knowledgeDir({ 'rice.md': file, 'bread.md': BAKING });
    const { knowledge, warnings } = await loadKnowledge(dir);
    expect(knowledge.byId.has('rice')).toBe(true);
    expect(warnings).toEqual([{ severity: 'warning', file: 'rice.md', field, message: expect.stringMatching(message) }]);
  });

  it('throws careerbot_knowledge_invalid listing every error, not just the first', async () => {
    const dir = await knowledgeDir({
      'rice.md': COOKING,
      'untitled.md': raw('questions:\n  - one\n  - two\n  - three'),
      'empty.md': topic('Empty', ['a b', 'c d', 'e f'], '', ''),
      'bread.md': topic('Bread', ['a b2', 'c d2', 'e f2'], 'related:\n  - nowhere'),
      'few.md': topic('Few', ['only one question']),
    });
    const { problems } = await checkKnowledge(dir);
    const errors = errorsOf(problems);
    expect(errors.map(({ file, field }) => `${file} ${field}`).sort()).toEqual([
      'bread.md related[0]',
      'empty.md body',
      'untitled.md title',
    ]);

    const error = await loadKnowledge(dir).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CareerbotError);
    expect(error).toMatchObject({ code: 'careerbot_knowledge_invalid' });
    const { message } = error as CareerbotError;
    expect(message).toContain('3 errors');
    for (const problem of errors) expect(message).toContain(formatProblem(problem));
    // Warnings are not errors: they are not listed as reasons for refusing to load.
    expect(message).not.toContain('few.md');
  });

  it('throws careerbot_knowledge_unreadable for a missing directory', async () => {
    const missing = path.join(tmpdir(), `careerbot-missing-${process.pid}-${Date.now()}`);
    for (const call of [() => loadKnowledge(missing), () => checkKnowledge(missing)]) {
      const error = await call().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CareerbotError);
      expect(error).toMatchObject({ code: 'careerbot_knowledge_unreadable' });
      expect((error as Error).message).toContain(missing);
      expect((error as Error).message).toMatch(/does not exist/);
    }
  });

  it('refuses a directory with no topic files', async () => {
    const dir = await knowledgeDir({ 'README.md': '# Our knowledge\n' });
    const { knowledge, problems } = await checkKnowledge(dir);
    expect(knowledge).toBeNull();
    expect(errorsOf(problems)).toEqual([
      expect.objectContaining({ field: 'file', message: expect.stringMatching(/no topic files/) }),
    ]);
  });

  it('ignores README.md, dotfiles, dot-folders and non-Markdown files', async () => {
    const dir = await knowledgeDir({
      'rice.md': COOKING,
      'README.md': '# How to contribute\n\nNo frontmatter here.\n',
      'readme.md.bak': 'not a topic',
      '.draft.md': 'no frontmatter, would fail',
      '.hidden/secret.md': 'no frontmatter, would fail',
      'nested/.also-hidden.md': 'no frontmatter, would fail',
      'notes.txt': 'not a topic',
      'nested/bread.md': BAKING,
    });
    const result = await checkKnowledge(dir);
    expect(result.problems).toEqual([]);
    expect(result.files).toBe(2);
    expect(result.knowledge?.topics.map((t) => `${t.id} ${t.file}`).sort()).toEqual([
      `bread ${path.join('nested', 'bread.md')}`,
      'rice rice.md',
    ]);
  });
});
