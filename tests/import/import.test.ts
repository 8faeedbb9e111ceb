import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { CareerbotError } from '../../src/errors.js';
import { importKnowledge, planImport, titleFromLabel, topicIdFromLabel } from '../../src/import/import.js';
import { stripEntities } from '../../src/import/rasa.js';
import { checkKnowledge, loadKnowledge } from '../../src/knowledge/load.js';
import { DRAFT_MARKER } from '../../src/knowledge/schema.js';
import { Matcher } from '../../src/matcher/matcher.js';

// Issue 11, part 4: careerbot import FILE --out DIR builds a knowledge directory that passes check.

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-import-'));
  roots.push(dir);
  return dir;
}

/** Writes an export file into a fresh temp dir; returns its path and a not-yet-existing output dir. */
async function exportFile(name: string, content: string): Promise<{ file: string; out: string }> {
  const dir = await tempDir();
  const file = path.join(dir, name);
  await writeFile(file, content, 'utf8');
  return { file, out: path.join(dir, 'knowledge') };
}

async function errorOf(promise: Promise<unknown>): Promise<CareerbotError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CareerbotError);
  return error as CareerbotError;
}

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  stdin.end();
  const status = await runCli(args, { stdin, stdout, stderr, env: {} });
  stdout.end();
  stderr.end();
  return { status, stdout: await out, stderr: await err };
}

const BANK_CSV = [
  'Question,Category,Answer',
  'How do I reset my PIN?,PIN change,"Open the app, choose **Cards**, then **Change PIN**."',
  '"I forgot my PIN, what now?",PIN change,',
  'change my pin,PIN change,',
  '"what is my balance, please",balance,',
  'how much money do i have,balance,',
  '"show my balance",balance,',
  '"money left on my ""main"" account",balance,',
  'book a table for two,out_of_scope,',
].join('\r\n');

describe('CSV and TSV', () => {
  it('imports a CSV with quoted fields into topics that pass check and that the matcher answers', async () => {
    const { file, out } = await exportFile('faq.csv', `\uFEFF${BANK_CSV}\r\n`);
    const summary = await importKnowledge({ file, outDir: out, outOfScopeLabel: 'out_of_scope' });
    expect(summary).toMatchObject({ format: 'csv', topics: 2, phrasings: 7, outOfScope: 1, drafts: 1, dropped: [] });
    expect((await readdir(out)).sort()).toEqual(['balance.md', 'out-of-scope.txt', 'pin-change.md']);

    const { knowledge, warnings } = await loadKnowledge(out);
    expect(knowledge.byId.get('pin-change')).toMatchObject({
      title: 'PIN change',
      questions: ['How do I reset my PIN?', 'I forgot my PIN, what now?', 'change my pin'],
      body: 'Open the app, choose **Cards**, then **Change PIN**.',
    });
    expect(knowledge.byId.get('balance')?.questions).toContain('money left on my "main" account');
    expect(knowledge.outOfScope).toEqual(['book a table for two']);
    expect(warnings).toContainEqual(
      expect.objectContaining({ field: 'draft', message: expect.stringMatching(/^1 draft answer/) }),
    );
    expect(summary.check.problems.filter((problem) => problem.severity === 'error')).toEqual([]);

    const matcher = new Matcher(knowledge);
    expect(matcher.match('I forgot my PIN, what now?')).toMatchObject({ outcome: 'answer', topicId: 'pin-change' });
  });

  it('imports a TSV with sentence and label columns', async () => {
    const tsv =
      'sentence\tlabel\nwhere is my parcel\ttrack_order\nhas my order shipped\ttrack_order\ntrack my package\ttrack_order\n';
    const { file, out } = await exportFile('intents.tsv', tsv);
    const summary = await importKnowledge({ file, outDir: out });
    expect(summary).toMatchObject({ format: 'tsv', topics: 1, phrasings: 3, drafts: 1 });
    const { knowledge } = await loadKnowledge(out);
    expect(knowledge.byId.get('track-order')).toMatchObject({
      title: 'Track order',
      questions: ['where is my parcel', 'has my order shipped', 'track my package'],
    });
  });

  it('names the accepted columns when the header has no question or topic column', async () => {
    const { file, out } = await exportFile('faq.csv', 'Q,A\nhello,world\n');
    const error = await errorOf(importKnowledge({ file, outDir: out }));
    expect(error.code).toBe('careerbot_import_invalid');
    expect(error.message).toMatch(/question column \(question, sentence, text, utterance, example\)/);
    expect(error.message).toMatch(/topic column \(topic, label, intent, category\)/);
    expect(error.message).toContain('"Q", "A"');
  });
});

describe('JSON Lines', () => {
  it('imports {"question", "topic", "answer"?} rows and reports rows without a question', async () => {
    const rows = [
      { question: 'how do I open an account', topic: 'Open account', answer: 'Visit any branch with ID.' },
      { question: 'open a new account', topic: 'Open account' },
      { question: 'can I open an account online', topic: 'Open account' },
      { question: '', topic: 'Open account' },
    ];
    const { file, out } = await exportFile('rows.jsonl', rows.map((row) => JSON.stringify(row)).join('\n') + '\n\n');
    const summary = await importKnowledge({ file, outDir: out });
    expect(summary).toMatchObject({
      format: 'jsonl',
      topics: 1,
      phrasings: 3,
      drafts: 0,
      skipped: [{ line: 4, reason: 'no question' }],
    });
    expect((await loadKnowledge(out)).knowledge.byId.get('open-account')?.body).toBe('Visit any branch with ID.');
  });

  it('refuses a file with lines that are not JSON objects, naming them, and writes nothing', async () => {
    const { file, out } = await exportFile('rows.jsonl', '{"question": "hi there", "topic": "greet"}\n{oops\n[1, 2]\n');
    const error = await errorOf(importKnowledge({ file, outDir: out }));
    expect(error.message).toMatch(/2 line\(s\) are not JSON objects/);
    expect(error.message).toMatch(/line 2:/);
    expect(error.message).toMatch(/line 3:/);
    await expect(readdir(out)).rejects.toThrow();
  });
});

describe('Rasa NLU YAML', () => {
  const RASA = `version: "3.1"
nlu:
- intent: check_balance
  examples: |
    - what's my balance
    - how much is in my [savings](account_type) account
    - show me my [checking]{"entity": "account_type"} balance
- synonym: savings
  examples: |
    - savings account
- intent: faq/opening_hours
  examples: |
    - when are you open
    - what are your opening hours
    - are you open on [sunday](day:Sunday)
- regex: account_number
  examples: |
    - \\d{10}
responses:
  utter_faq/opening_hours:
  - text: We are open 9 to 5, Monday to Friday.
`;

  it('imports intents and their examples, strips entity annotations, takes answers from responses', async () => {
    const { file, out } = await exportFile('nlu.yml', RASA);
    const summary = await importKnowledge({ file, outDir: out });
    expect(summary).toMatchObject({ format: 'rasa', topics: 2, phrasings: 6, drafts: 1 });
    const { knowledge } = await loadKnowledge(out);
    expect(knowledge.byId.get('check-balance')?.questions).toEqual([
      "what's my balance",
      'how much is in my savings account',
      'show me my checking balance',
    ]);
    expect(knowledge.byId.get('faq-opening-hours')).toMatchObject({
      title: 'Faq opening hours',
      questions: ['when are you open', 'what are your opening hours', 'are you open on sunday'],
      body: 'We are open 9 to 5, Monday to Friday.',
    });
  });

  it('strips every Rasa entity annotation form', () => {
    expect(stripEntities('fly to [New York](city) from [NYC](city:New York City)')).toBe('fly to New York from NYC');
    expect(stripEntities('in [Berlin]{"entity": "city", "role": "to"} please')).toBe('in Berlin please');
    expect(stripEntities('a [plain bracket] stays')).toBe('a [plain bracket] stays');
  });

  it('says what it expected when the YAML has no nlu list', async () => {
    const { file, out } = await exportFile('domain.yml', 'intents:\n  - greet\n');
    const error = await errorOf(importKnowledge({ file, outDir: out }));
    expect(error.message).toMatch(/not Rasa NLU YAML: expected a top-level "nlu:" list/);
  });
});

describe('labels, collisions and drafts', () => {
  it('makes ids and readable titles from labels', () => {
    expect(topicIdFromLabel('Pay Bill')).toBe('pay-bill');
    expect(topicIdFromLabel('faq/opening_hours')).toBe('faq-opening-hours');
    expect(topicIdFromLabel('Résumé tips!')).toBe('resume-tips');
    expect(titleFromLabel('pay_bill')).toBe('Pay bill');
    expect(titleFromLabel('PIN change')).toBe('PIN change');
  });

  it('drops a phrasing found under two labels from both, reports it, and leaves out repeats within one', () => {
    const plan = planImport({
      rows: [
        { question: 'what is my balance', topic: 'balance', line: 2 },
        { question: 'What is my balance?', topic: 'account_info', line: 3 },
        { question: 'show balance', topic: 'balance', line: 4 },
        { question: 'show balance.', topic: 'balance', line: 5 },
        { question: 'account details', topic: 'account_info', line: 6 },
      ],
      skipped: [],
    });
    expect(plan.dropped).toEqual([{ question: 'what is my balance', labels: ['balance', 'account_info'] }]);
    expect(plan.repeats).toBe(1);
    expect(plan.topics.map(({ id, questions }) => [id, questions])).toEqual([
      ['account-info', ['account details']],
      ['balance', ['show balance']],
    ]);
  });

  it('gives two labels with the same id distinct ids, so the output still passes check', async () => {
    const csv = 'text,intent\npay my bill,Pay Bill\nsettle the bill,Pay Bill\nbill payment,pay_bill\npay the invoice,pay_bill\n';
    const { file, out } = await exportFile('faq.csv', csv);
    const summary = await importKnowledge({ file, outDir: out });
    expect((await readdir(out)).sort()).toEqual(['pay-bill-2.md', 'pay-bill.md']);
    expect(summary.check.knowledge).not.toBeNull();
  });

  it('marks topics without an answer as drafts: draft: true, a marker line, and a check warning with the count', async () => {
    const csv =
      'question,topic\nwhere is my card,card_delivery\nhas my card shipped,card_delivery\nlost my card,lost_card\ncard stolen,lost_card\n';
    const { file, out } = await exportFile('faq.csv', csv);
    const summary = await importKnowledge({ file, outDir: out });
    expect(summary.drafts).toBe(2);
    const source = await readFile(path.join(out, 'lost-card.md'), 'utf8');
    expect(source).toMatch(/^draft: true$/m);
    expect(source.split('---\n')[2]!.startsWith(DRAFT_MARKER)).toBe(true);
    const check = await checkKnowledge(out);
    expect(check.knowledge).not.toBeNull();
    expect(check.problems).toContainEqual(
      expect.objectContaining({ severity: 'warning', field: 'draft', message: expect.stringMatching(/^2 draft answers/) }),
    );
  });
});

describe('the output directory', () => {
  const CSV =
    'question,topic,answer\nwhat are your hours,hours,Nine to five.\nwhen do you open,hours,\nare you open now,hours,\n';

  it('refuses a non-empty directory and leaves it as it was', async () => {
    const { file, out } = await exportFile('faq.csv', CSV);
    await mkdir(out);
    await writeFile(path.join(out, 'mine.md'), 'my own notes\n');
    const error = await errorOf(importKnowledge({ file, outDir: out }));
    expect(error.message).toMatch(/is not empty.*--force/);
    expect(await readdir(out)).toEqual(['mine.md']);
  });

  it('with force, replaces the topic files and out-of-scope.txt and keeps other files', async () => {
    const { file, out } = await exportFile('faq.csv', CSV);
    await mkdir(out);
    await writeFile(path.join(out, 'old-topic.md'), '---\ntitle: Old\nquestions: [old]\n---\nold\n');
    await writeFile(path.join(out, 'out-of-scope.txt'), 'old line\n');
    await writeFile(path.join(out, 'notes.txt'), 'keep me\n');
    await importKnowledge({ file, outDir: out, force: true });
    expect((await readdir(out)).sort()).toEqual(['hours.md', 'notes.txt']);
    expect((await checkKnowledge(out)).problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  });
});

describe('progress', () => {
  it('reports the rows read and the topic files written, for a large export', async () => {
    const lines = ['question,topic'];
    for (let i = 0; i < 1200; i++) lines.push(`question number ${i} about item ${i % 600},topic ${i % 600}`);
    const { file, out } = await exportFile('big.csv', lines.join('\n') + '\n');
    const calls: string[] = [];
    const summary = await importKnowledge({
      file,
      outDir: out,
      onProgress: (done, total, stage) => calls.push(`${stage} ${done}/${total}`),
    });
    expect(summary.topics).toBe(600);
    expect(calls).toEqual(['read 1200/1200', 'write 500/600', 'write 600/600']);
  });
});

describe('careerbot import', () => {
  it('prints a summary line and the dropped phrasings, and the result passes careerbot check', async () => {
    const csv =
      'question,topic\nwhat is my balance,balance\nWhat is my balance?,account\nshow balance,balance\nmy balance now,balance\naccount details,account\naccount info,account\nmy account data,account\n';
    const { file, out } = await exportFile('faq.csv', csv);
    const run = await cli(['import', file, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`imported ${file} -> ${out}: 2 topics, 5 phrasings, 1 dropped (under two labels), 2 drafts`);
    expect(run.stdout).toContain('dropped "what is my balance": under "balance" and "account"');
    expect(run.stdout).toMatch(/check: 0 error\(s\)/);
    const check = await cli(['check', '--knowledge', out]);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/2 draft answers/);
  });

  it('refuses a non-empty --out with exit status 1 and one clear line, and accepts it with --force', async () => {
    const { file, out } = await exportFile('faq.csv', 'question,topic\nhi,greet\nhello,greet\nhey,greet\n');
    await mkdir(out);
    await writeFile(path.join(out, 'x.md'), 'x\n');
    const refused = await cli(['import', file, '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^careerbot: .* is not empty .*--force[^\n]*\n$/);
    expect((await cli(['import', file, '--out', out, '--force'])).status).toBe(0);
  });

  it('sends --out-of-scope-label rows to out-of-scope.txt', async () => {
    const { file, out } = await exportFile('faq.csv', 'question,topic\nhi,greet\nhello,greet\nhey,greet\nsing a song,oos\n');
    expect((await cli(['import', file, '--out', out, '--out-of-scope-label', 'oos'])).status).toBe(0);
    expect((await loadKnowledge(out)).knowledge.outOfScope).toEqual(['sing a song']);
  });

  it('explains its usage when --out or the file is missing, and an unknown format', async () => {
    const missing = await cli(['import', 'faq.csv']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/import needs one file and --out DIR/);
    const { file, out } = await exportFile('faq.xlsx', 'binary');
    const unknown = await cli(['import', file, '--out', out]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown format; use a \.csv, \.tsv, \.jsonl or \.yml/);
  });
});
