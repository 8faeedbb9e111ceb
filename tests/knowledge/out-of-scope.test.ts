import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { BUILTIN_OUT_OF_SCOPE_DIR, checkKnowledge, loadKnowledge, parseOutOfScope } from '../../src/knowledge/load.js';

// Issue 11, part 2: the built-in off-topic list must not fight a community's own domain.

const SHIPPED = path.resolve(import.meta.dirname, '../../knowledge');
let bankDir: string;
let builtin: string[];

function topic(title: string, questions: string[]): string {
  return `---\ntitle: ${JSON.stringify(title)}\nquestions:\n${questions.map((q) => `  - ${JSON.stringify(q)}`).join('\n')}\n---\nOpen the app and choose **${title}**.\n`;
}

// A small bank FAQ, written in its own words, with no out-of-scope.txt.
const BANK: Record<string, string> = {
  'interest-rate.md': topic('Interest rate', [
    'what is my interest rate',
    'how much interest do i earn on savings',
    'current interest rate on my account',
  ]),
  'freeze-account.md': topic('Freeze account', [
    'how can i freeze my account',
    'please freeze my bank account',
    'lock my account, my card was stolen',
  ]),
  'transfer.md': topic('Transfer money', [
    'transfer money to my savings account',
    'how do i send money to another account',
    'move $200 from checking to savings',
  ]),
};

beforeAll(async () => {
  bankDir = await mkdtemp(path.join(tmpdir(), 'careerbot-bank-'));
  for (const [file, content] of Object.entries(BANK)) await writeFile(path.join(bankDir, file), content, 'utf8');
  const files = ['careers-and-requests.txt', 'clinc150.txt'];
  builtin = (await Promise.all(files.map((file) => readFile(path.join(BUILTIN_OUT_OF_SCOPE_DIR, file), 'utf8')))).flatMap(
    parseOutOfScope,
  );
});

afterAll(async () => {
  if (bankDir) await rm(bankDir, { recursive: true, force: true });
});

describe('the built-in off-topic list with a bank FAQ', () => {
  it('leaves out the built-in phrasings that resemble its topics, and reports how many and which topics', async () => {
    const { knowledge, warnings, outOfScopeLeftOut } = await loadKnowledge(bankDir);
    // The built-in list holds these banking requests; the bank FAQ answers them.
    for (const line of ['tell me my interest rate', 'what interest rate am i paying', 'what do i do to freeze my account']) {
      expect(builtin).toContain(line);
      expect(knowledge.outOfScope).not.toContain(line);
    }
    expect(outOfScopeLeftOut).not.toBeNull();
    expect(outOfScopeLeftOut!.count).toBe(builtin.length - knowledge.outOfScope.length);
    expect(outOfScopeLeftOut!.count).toBeGreaterThan(0);
    expect(outOfScopeLeftOut!.topics.map(({ id }) => id)).toEqual(expect.arrayContaining(['interest-rate', 'freeze-account']));
    expect(outOfScopeLeftOut!.topics.reduce((sum, { phrasings }) => sum + phrasings, 0)).toBe(outOfScopeLeftOut!.count);
    expect(warnings).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        message: expect.stringMatching(
          new RegExp(`^built-in off-topic phrasings left out: ${outOfScopeLeftOut!.count}\\b.*interest-rate`),
        ),
      }),
    );
  });

  it('keeps the built-in phrasings about other things', async () => {
    const { knowledge } = await loadKnowledge(bankDir);
    for (const line of ['tell me about today weather', 'how to become a doctor', 'wake me up at noon tomorrow']) {
      expect(knowledge.outOfScope).toContain(line);
    }
  });

  it('careerbot check prints the report as a warning and still passes', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = text(stdout);
    const stdin = new PassThrough();
    stdin.end();
    const status = await runCli(['check', '--knowledge', bankDir], { stdin, stdout, stderr, env: {} });
    stdout.end();
    stderr.end();
    const printed = await out;
    expect(status).toBe(0);
    expect(printed).toMatch(/^warning: out-of-scope\.txt: built-in: built-in off-topic phrasings left out: \d+/m);
    expect(printed).toMatch(/0 error\(s\), 1 warning\(s\) - OK/);
  });

  it("uses a community's own out-of-scope.txt as it is, even where it resembles a topic", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-bank-own-'));
    try {
      for (const [file, content] of Object.entries(BANK)) await writeFile(path.join(dir, file), content, 'utf8');
      await writeFile(path.join(dir, 'out-of-scope.txt'), '# ours\nwhat is my interest rate on a mortgage\nbook a table\n');
      const result = await checkKnowledge(dir);
      expect(result.knowledge?.outOfScope).toEqual(['what is my interest rate on a mortgage', 'book a table']);
      expect(result.outOfScopeLeftOut).toBeNull();
      expect(result.problems).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the built-in off-topic list with the career knowledge', () => {
  it('keeps obviously unrelated phrasings and the deliberate near misses of other careers', async () => {
    const { knowledge } = await loadKnowledge(SHIPPED);
    for (const line of [
      'tell me about today weather',
      'what time is it in las vegas, nv',
      'wake me up at noon tomorrow',
      'how to become a doctor',
      'how much does a dentist make',
    ]) {
      expect(knowledge.outOfScope).toContain(line);
    }
  });
});
