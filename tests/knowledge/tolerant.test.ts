import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkKnowledge, loadKnowledge, type KnowledgeProblem } from '../../src/knowledge/load.js';

// Issue 11, part 3: real exports load (a repeat within one topic is a warning), and `check` reports
// every independent problem once, without follow-on errors caused by another file's failure.

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function knowledgeDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-tolerant-'));
  roots.push(dir);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content, 'utf8');
  }
  // Its own off-topic list, so the built-in one (and its report) stays out of these tests.
  await writeFile(path.join(dir, 'out-of-scope.txt'), 'what is the weather tomorrow\n', 'utf8');
  return dir;
}

function topic(title: string, questions: string[], extra = '', body = 'A short answer.'): string {
  const list = questions.map((question) => `  - ${JSON.stringify(question)}`).join('\n');
  return `---\ntitle: ${JSON.stringify(title)}\nquestions:\n${list}${extra ? `\n${extra}` : ''}\n---\n${body}\n`;
}

const errorsOf = (problems: KnowledgeProblem[]) => problems.filter((problem) => problem.severity === 'error');

describe('a phrasing repeated within one topic', () => {
  it('is a warning naming both positions, and the repeat is left out of the topic', async () => {
    const dir = await knowledgeDir({
      'buy.md': topic('Buying', ['I want to buy', 'I want to buy.', 'can u sell me one', 'can you sell me one', 'price list']),
    });
    const { knowledge, warnings } = await loadKnowledge(dir);
    expect(knowledge.byId.get('buy')?.questions).toEqual(['I want to buy', 'can u sell me one', 'price list']);
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        file: 'buy.md',
        field: 'questions[1]',
        message: expect.stringMatching(/questions\[0\].*ignored/),
      }),
      expect.objectContaining({
        severity: 'warning',
        file: 'buy.md',
        field: 'questions[3]',
        message: expect.stringMatching(/questions\[2\].*ignored/),
      }),
    ]);
  });

  it('counts only distinct phrasings towards the "too few questions" warning', async () => {
    const dir = await knowledgeDir({ 'buy.md': topic('Buying', ['I want to buy', 'i want to BUY!', 'price list']) });
    const { warnings } = await loadKnowledge(dir);
    expect(warnings).toContainEqual(
      expect.objectContaining({ field: 'questions', message: expect.stringMatching(/only 2 sample question/) }),
    );
  });

  it('still leaves the same phrasing in two topics an error, naming the original positions', async () => {
    const dir = await knowledgeDir({
      'a-buy.md': topic('Buying', ['I want to buy', 'price list', 'how much is it']),
      'b-sell.md': topic('Selling', ['I want to sell', 'I want to sell!', 'I want to buy.']),
    });
    const result = await checkKnowledge(dir);
    expect(result.knowledge).toBeNull();
    expect(errorsOf(result.problems)).toEqual([
      expect.objectContaining({
        file: 'b-sell.md',
        field: 'questions[2]',
        message: expect.stringMatching(/a-buy\.md \(questions\[0\]\)/),
      }),
    ]);
  });
});

describe('check reports every independent problem, and no follow-on errors', () => {
  it('does not call a related id unknown when its file exists but was rejected', async () => {
    const dir = await knowledgeDir({
      'broken.md': '---\ntitle: [unclosed\n---\nbody\n',
      'rice.md': topic('Rice', ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'], 'related:\n  - broken'),
    });
    const result = await checkKnowledge(dir);
    const errors = errorsOf(result.problems);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((problem) => problem.file)).toEqual(errors.map(() => 'broken.md'));
  });

  it('still reports a related id that names no file at all', async () => {
    const dir = await knowledgeDir({
      'broken.md': '---\ntitle: [unclosed\n---\nbody\n',
      'rice.md': topic(
        'Rice',
        ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'],
        'related:\n  - broken\n  - pasta',
      ),
    });
    const errors = errorsOf((await checkKnowledge(dir)).problems);
    expect(errors).toContainEqual(
      expect.objectContaining({ file: 'rice.md', field: 'related[1]', message: 'unknown topic id "pasta"' }),
    );
    expect(errors).not.toContainEqual(expect.objectContaining({ file: 'rice.md', field: 'related[0]' }));
  });

  it('reports problems in several files in one run, including cross-file ones of a file with its own error', async () => {
    const dir = await knowledgeDir({
      'a-bread.md': topic('Bread', ['How do I bake bread?', 'why is my loaf dense', 'bread needs how much yeast']),
      // Empty answer, and a phrasing that is also bread's: two independent problems of one file.
      'b-cake.md': topic('Cake', ['how do i bake bread', 'cake recipe', 'why did my cake sink'], '', ''),
      'c-pie.md': '---\ntitle: Pie\nquestion:\n  - pie crust\n---\nbody\n',
      'd-rice.md': topic('Rice', ['How do I cook rice?', 'rice to water ratio', 'why is my rice mushy'], 'related:\n  - noodles'),
    });
    const errors = errorsOf((await checkKnowledge(dir)).problems).map(({ file, field }) => `${file} ${field}`);
    expect(errors).toEqual(expect.arrayContaining(['b-cake.md body', 'b-cake.md questions[0]', 'd-rice.md related[0]']));
    expect(errors.filter((entry) => entry.startsWith('c-pie.md')).length).toBeGreaterThan(0);
    expect(errors.filter((entry) => entry.startsWith('a-bread.md'))).toEqual([]);
  });
});
