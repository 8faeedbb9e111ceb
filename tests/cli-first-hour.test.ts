import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, usage } from '../app/cli/main.js';
import { COMMANDS } from '../app/cli/commands/index.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { openSqliteStore } from '../src/store/sqlite.js';

/** A newcomer's first hour with the CLI (issue 11 part 6), and the identity through the CLI (part 1). */

const ROOT = path.resolve(import.meta.dirname, '..');
const BANK = path.join(ROOT, 'tests', 'fixtures', 'bank');

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function temporary(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-first-hour-'));
  roots.push(dir);
  return dir;
}

async function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  stdin.end(options.input ?? '');
  const status = await runCli(args, { stdin, stdout, stderr, env: options.env ?? {} });
  stdout.end();
  stderr.end();
  return { status, stdout: await out, stderr: await err };
}

describe('help, version and options', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await run(['--version']);
    expect(result).toEqual({ status: 0, stdout: `careerbot ${version}\n`, stderr: '' });
  });

  it('the usage lists every command of the dispatch table', () => {
    const text = usage();
    for (const command of COMMANDS.values()) {
      for (const [synopsis] of command.usage) if (synopsis) expect(text).toContain(`  ${synopsis}`);
    }
  });

  it.each([
    ['ask', ['--json', '--threads']],
    ['report', ['--days N', '--json']],
    ['import', ['--out DIR', '--force', '--out-of-scope-label NAME']],
    ['topics', ['--json']],
    ['chat', ['--no-record']],
  ])('%s --help shows its own options and exits 0', async (name, options) => {
    const result = await run([name, '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage:\\n  careerbot ${name}`));
    for (const option of options) expect(result.stdout).toContain(`  ${option}`);
    expect(result.stdout).toContain('--knowledge DIR');
  });

  it.each([
    [['ask', '--frob', 'hi'], /^careerbot: ask: unknown option '--frob'; "careerbot ask --help" lists the options\n$/],
    [['--frob'], /^careerbot: unknown option '--frob'; "careerbot --help" lists the options\n$/],
    [['topics', '--days', '3'], /^careerbot: topics: unknown option '--days'; "careerbot topics --help"/],
    [['report', '--days'], /^careerbot: report: option '--days <value>' argument missing; "careerbot report --help"/],
  ])('%j: one line naming the option, a hint to --help, exit 2', async (args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('DISCORD_APPLICATION_ID=123 says what a valid id looks like', async () => {
    const result = await run(['topics'], { env: { DISCORD_APPLICATION_ID: '123' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'DISCORD_APPLICATION_ID: must be a Discord application id: a number of 17 to 20 digits such as 1096523458192347136',
    );
    const valid = await run(['topics', '--knowledge', BANK], { env: { DISCORD_APPLICATION_ID: '1096523458192347136' } });
    expect(valid.status).toBe(0);
  });
});

describe('topics --json', () => {
  it('prints every topic with its id, title and number of questions', async () => {
    const result = await run(['topics', '--json', '--knowledge', BANK]);
    expect(result.status).toBe(0);
    const { knowledge } = await loadKnowledge(BANK);
    expect(JSON.parse(result.stdout)).toEqual(
      knowledge.topics.map((topic) => ({ id: topic.id, title: topic.title, questions: topic.questions.length })),
    );
  });
});

describe('the store from the terminal', () => {
  it('report --data refuses a directory that does not exist and creates nothing', async () => {
    const missing = path.join(await temporary(), 'typo');
    const result = await run(['report', '--data', missing]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `careerbot: data directory ${missing} does not exist: check --data or DATA_DIR (the bot creates it when it first records a question)\n`,
    );
    expect(await readdir(path.dirname(missing))).toEqual([]);
    const learned = await run(['learned', 'list', '--data', missing]);
    expect(learned.status).toBe(1);
    expect(await readdir(path.dirname(missing))).toEqual([]);
  });

  it('the terminal chat records its questions, so report shows them; --no-record records nothing', async () => {
    const data = path.join(await temporary(), 'data');
    const offTopic = 'who won the football world cup in 1998';
    const chat = await run(['--knowledge', BANK], { input: `${offTopic}\nhow do I freeze my card\n`, env: { DATA_DIR: data } });
    expect(chat.status).toBe(0);
    expect(chat.stdout).toContain('Freezing a lost card');
    const report = await run(['report', '--json', '--knowledge', BANK], { env: { DATA_DIR: data } });
    expect(report.status).toBe(0);
    const parsed = JSON.parse(report.stdout) as {
      totals: { unanswered: number; answered: number };
      questions: Array<{ text: string }>;
      topics: Array<{ topicId: string; count: number }>;
    };
    expect(parsed.totals.unanswered).toBe(1);
    expect(JSON.stringify(parsed.questions)).toContain(offTopic);
    expect(parsed.topics).toEqual([expect.objectContaining({ topicId: 'freeze-card', count: 1 })]);

    const quiet = path.join(await temporary(), 'data');
    const unrecorded = await run(['--no-record', '--knowledge', BANK], { input: `${offTopic}\n`, env: { DATA_DIR: quiet } });
    expect(unrecorded.status).toBe(0);
    // The matcher's cache may live there; the store may not.
    expect(await readdir(quiet).catch(() => [])).not.toContain('careerbot.db');
  });

  it('ask and the chat use the phrasings moderators taught the bot', async () => {
    const data = await temporary();
    const taught = 'zorblax quux plinth';
    const before = await run(['ask', '--json', taught, '--knowledge', BANK], { env: { DATA_DIR: data } });
    expect((JSON.parse(before.stdout) as { topicId: string | null }).topicId).not.toBe('opening-hours');
    const store = openSqliteStore(data);
    await store.recordModeratorLink({
      topicId: 'opening-hours',
      moderatorId: 'UMOD',
      platform: 'slack',
      text: taught,
      learn: true,
    });
    await store.close();
    const after = await run(['ask', '--json', taught, '--knowledge', BANK], { env: { DATA_DIR: data } });
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ outcome: 'answer', topicId: 'opening-hours' });
    const chat = await run(['--knowledge', BANK], { input: `${taught}\n`, env: { DATA_DIR: data } });
    expect(chat.stdout).toContain('Branch opening hours');
  });

  it('ask creates no database', async () => {
    const missing = path.join(await temporary(), 'none');
    const result = await run(['ask', 'hi', '--knowledge', BANK], { env: { DATA_DIR: missing } });
    expect(result.status).toBe(0);
    expect(await readdir(missing).catch(() => [])).not.toContain('careerbot.db');
  });
});

describe('the identity through the CLI', () => {
  it.each([
    ['hi', /^Hello and welcome to Northbank!/],
    ['help', /^Ask me about your account in your own words/],
    ['bye', /^Goodbye from Northbank/],
    ['who won the football world cup in 1998', /I answer questions about your Northbank account, cards and transfers\./],
  ])('ask "%s" with the bank knowledge speaks about the bank', async (question, reply) => {
    const result = await run(['ask', question, '--knowledge', BANK]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(reply);
    expect(result.stdout).not.toMatch(/backend|salar|developer/i);
  });

  it('the terminal chat introduces the bank', async () => {
    const result = await run(['--no-record', '--knowledge', BANK], { input: '' });
    expect(result.stdout).toMatch(/^careerbot: Northbank help\. I answer questions about your Northbank account/);
  });

  it('check validates bot.yaml with exact errors', async () => {
    const dir = await temporary();
    await cp(BANK, dir, { recursive: true });
    await writeFile(path.join(dir, 'bot.yaml'), 'name: Northbank\nfeatured:\n  - freeze-cards\n', 'utf8');
    const result = await run(['check', '--knowledge', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('error: bot.yaml: featured[0]: unknown topic id "freeze-cards"\n');
    expect((await run(['check', '--knowledge', BANK])).stdout).toMatch(/0 error\(s\), \d+ warning\(s\) - OK/);
  });
});
