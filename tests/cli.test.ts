import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../app/cli/main.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import type { KnowledgeBase } from '../src/types.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin', 'careerbot.js');

interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Written to standard input, which is then closed. */
  input?: string;
  /** Environment variables on top of a clean environment (no KNOWLEDGE_DIR, no tokens). */
  env?: Record<string, string>;
}

type Runner = (args: string[], options?: RunOptions) => Promise<CliRun>;

/** `runCli` in this process, with in-memory streams. */
const inProcess: Runner = async (args, { input = '', env = {} } = {}) => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  stdin.end(input);
  const status = await runCli(args, { stdin, stdout, stderr, env });
  stdout.end();
  stderr.end();
  return { status, stdout: await out, stderr: await err };
};

/** The real bin, as a user runs it: `node bin/careerbot.js ...` from the repository. */
const asChildProcess: Runner = (args, { input = '', env = {} } = {}) =>
  new Promise((resolve, reject) => {
    const base: Record<string, string> = {};
    for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) {
      const value = process.env[name];
      if (value !== undefined) base[name] = value;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 128 : -1), stdout, stderr }));
    child.stdin.on('error', () => {}); // the bin may exit before reading everything (usage errors)
    child.stdin.end(input);
  });

const RUNNERS: Array<[string, Runner]> = [
  ['runCli', inProcess],
  ['bin/careerbot.js', asChildProcess],
];

// ---------------------------------------------------------------------------------------------
// Fixture knowledge directories.

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

async function knowledgeDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-cli-'));
  roots.push(dir);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content, 'utf8');
  }
  return dir;
}

function topic(title: string, questions: string[], extra = '', body = 'An answer.'): string {
  const list = questions.map((question) => `  - ${JSON.stringify(question)}`).join('\n');
  return `---\ntitle: ${JSON.stringify(title)}\nquestions:\n${list}${extra ? `\n${extra}` : ''}\n---\n${body}\n`;
}

/** A community's own knowledge, nothing to do with backend careers. */
const BAKERY = {
  'sourdough-starter.md': topic(
    'Feeding a sourdough starter',
    [
      'How do I feed a sourdough starter?',
      'how often should I feed my starter',
      'sourdough starter ratio of flour and water',
      'my starter smells like acetone',
      'can I keep my starter in the fridge',
    ],
    'related:\n  - oven-temperature\nsources:\n  - title: The Bread Book\n    url: https://example.com/bread',
    'Feed it **equal weights** of flour and water once a day.',
  ),
  'oven-temperature.md': topic(
    'Oven temperature for bread',
    [
      'What oven temperature for bread?',
      'how hot should the oven be for a loaf',
      'do I need a dutch oven',
      'bake bread at 250 celsius',
      'why is my crust pale',
    ],
    '',
    'Preheat to **250 °C** with a dutch oven inside.',
  ),
};

let shipped: KnowledgeBase;
beforeAll(async () => {
  shipped = (await loadKnowledge(path.join(ROOT, 'knowledge'))).knowledge;
});

const OUTCOMES = ['answer', 'clarify', 'fallback', 'smalltalk'];

/** Checks one `ask --json` object (answered from the shipped knowledge) against the public contract. */
function expectJsonContract(line: string, question: string): void {
  const value = JSON.parse(line) as Record<string, unknown>;
  expect(Object.keys(value).sort()).toEqual(['confidence', 'outcome', 'question', 'suggestions', 'topicId']);
  expect(value.question).toBe(question);
  expect(OUTCOMES).toContain(value.outcome);
  expect(value.topicId === null || typeof value.topicId === 'string').toBe(true);
  if (value.outcome === 'answer') expect(typeof value.topicId).toBe('string');
  if (typeof value.topicId === 'string') expect(shipped.byId.has(value.topicId), value.topicId).toBe(true);
  expect(typeof value.confidence).toBe('number');
  expect(value.confidence).toBeGreaterThanOrEqual(0);
  expect(value.confidence).toBeLessThanOrEqual(1);
  expect(Array.isArray(value.suggestions)).toBe(true);
  const suggestions = value.suggestions as Array<Record<string, unknown>>;
  expect(suggestions.length).toBeLessThanOrEqual(3);
  for (const suggestion of suggestions) {
    expect(Object.keys(suggestion).sort()).toEqual(['confidence', 'topicId']);
    expect(typeof suggestion.topicId).toBe('string');
    expect(shipped.byId.has(suggestion.topicId as string), String(suggestion.topicId)).toBe(true);
    expect(typeof suggestion.confidence).toBe('number');
    expect(suggestion.confidence).toBeGreaterThanOrEqual(0);
    expect(suggestion.confidence).toBeLessThanOrEqual(1);
  }
}

function expectOneLineError(run: CliRun, ...parts: Array<string | RegExp>): void {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^careerbot: /);
  for (const part of parts) expect(lines[0]).toMatch(part);
  expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
}

// ---------------------------------------------------------------------------------------------

describe.each(RUNNERS)('careerbot through %s', (name, run) => {
  /** Every row in process; the first row only through the bin, where each run costs a Node start-up. */
  const sample = <T>(rows: T[]): T[] => (name === 'runCli' ? rows : rows.slice(0, 1));

  it('ask "question" prints the rendered answer with its title, related topics and sources', async () => {
    const result = await run(['ask', 'What is the salary of a backend developer in India?']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const salary = shipped.byId.get('salary-india')!;
    expect(result.stdout.startsWith(`${salary.title}\n`)).toBe(true);
    expect(result.stdout).toContain('Related:');
    salary.related.forEach((id, i) => {
      expect(result.stdout).toContain(`${i + 1}. ${shipped.byId.get(id)!.title} [${id}]`);
    });
    expect(result.stdout).toMatch(/^Sources: /m);
    for (const source of salary.sources) expect(result.stdout).toContain(source.title);
    // Markdown is rendered, not shown raw.
    expect(result.stdout).not.toContain('**');
    expect(result.stdout).toContain(' • ');
  });

  it('ask --json "question" prints exactly one JSON object following the contract', async () => {
    const question = 'what does a backend developer do?';
    const result = await run(['ask', '--json', question]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe('');
    expectJsonContract(lines[0]!, question);
  });

  it.each(
    sample([
      ['an off-topic question', "what's the weather in Paris tomorrow"],
      ['a greeting', 'hello'],
      ['a vague question', 'backend'],
      ['gibberish', 'asdf qwer zxcv'],
    ]),
  )('ask --json answers %s within the contract', async (_what, question) => {
    const result = await run(['ask', '--json', question]);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toHaveLength(1);
    expectJsonContract(result.stdout.trimEnd(), question);
  });

  it('topics lists every id with its title', async () => {
    const result = await run(['topics']);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(shipped.topics.length);
    const listed = new Map(lines.map((line) => [line.split(/\s+/)[0]!, line]));
    for (const t of shipped.topics) {
      expect(listed.has(t.id), t.id).toBe(true);
      expect(listed.get(t.id)).toContain(t.title);
    }
  });

  it('show <id> prints that topic', async () => {
    const result = await run(['show', 'sql-backend-language']);
    expect(result.status).toBe(0);
    const t = shipped.byId.get('sql-backend-language')!;
    expect(result.stdout.startsWith(`${t.title}\n`)).toBe(true);
    for (const source of t.sources) expect(result.stdout).toContain(source.title);
  });

  it.each(
    sample([
      ['salry', 'salary-india'],
      ['salary-indai', 'salary-india'],
      ['databse', 'databases'],
      ['interview-perp', 'interview-prep'],
    ]),
  )('show %s (not an id) exits 1 with "Did you mean" offering %s', async (id, expected) => {
    const result = await run(['show', id]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLineError(result, `"${id}"`, /Did you mean: [a-z0-9-]+/);
    const offered = /Did you mean: (.*)\?/.exec(result.stderr)![1]!.split(', ');
    expect(offered.length).toBeLessThanOrEqual(3);
    for (const other of offered) expect(shipped.byId.has(other), other).toBe(true);
    expect(offered).toContain(expected);
  });

  it('show unknown-id exits 1 with a one-line error that offers close matches or the topic list', async () => {
    const result = await run(['show', 'unknown-id']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLineError(result, /no topic "unknown-id"/, /Did you mean: [a-z0-9-]+|"careerbot topics" lists them/);
  });

  it('check on the shipped knowledge exits 0', async () => {
    const result = await run(['check']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${shipped.topics.length} topic file\\(s\\) .*: 0 error\\(s\\).* - OK`));
  });

  it('check --knowledge <broken dir> exits 1 and prints the file and field of every problem', async () => {
    const dir = await knowledgeDir({
      ...BAKERY,
      'untitled.md': '---\nquestions:\n  - one\n  - two\n  - three\n---\nBody.\n',
      'bad-link.md': topic('Bad link', ['a b', 'c d', 'e f'], 'related:\n  - nowhere'),
      'bad-source.md': topic('Bad source', ['g h', 'i j', 'k l'], 'sources:\n  - title: X\n    url: not-a-url'),
      'empty.md': topic('Empty', ['m n', 'o p', 'q r'], '', ''),
      'Bad_Name.md': topic('Bad name', ['s t', 'u v', 'w x']),
      'twin.md': topic('Twin', ['How do I FEED a sourdough starter', 'y z', 'z y']),
      'few.md': topic('Few', ['just one question']),
    });
    const result = await run(['check', '--knowledge', dir]);
    expect(result.status).toBe(1);
    const expected = [
      'error: untitled.md: title:',
      'error: bad-link.md: related[0]: unknown topic id "nowhere"',
      'error: bad-source.md: sources[0].url:',
      'error: empty.md: body:',
      'error: Bad_Name.md: id:',
      'error: twin.md: questions[0]: "How do I FEED a sourdough starter" is also a sample question of sourdough-starter.md',
      'warning: few.md: questions:',
    ];
    const lines = result.stdout.trimEnd().split('\n');
    for (const start of expected)
      expect(
        lines.some((line) => line.startsWith(start)),
        start,
      ).toBe(true);
    expect(lines.at(-1)).toMatch(/6 error\(s\), 1 warning\(s\)$/);
  });

  it('--knowledge points ask, topics and show at another directory', async () => {
    const dir = await knowledgeDir(BAKERY);
    const json = await run(['ask', '--json', '--knowledge', dir, 'How do I feed a sourdough starter?']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'answer', topicId: 'sourdough-starter' });

    const rendered = await run(['ask', 'How do I feed a sourdough starter?', '--knowledge', dir]);
    expect(rendered.status).toBe(0);
    expect(rendered.stdout).toContain('Feeding a sourdough starter');
    expect(rendered.stdout).toContain('equal weights');
    expect(rendered.stdout).toContain('1. Oven temperature for bread [oven-temperature]');
    expect(rendered.stdout).toContain('The Bread Book (https://example.com/bread)');

    const topics = await run(['topics', '--knowledge', dir]);
    expect(
      topics.stdout
        .trimEnd()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
    ).toEqual(['oven-temperature', 'sourdough-starter']);
  });

  it('KNOWLEDGE_DIR points the bot at another directory, and --knowledge wins over it', async () => {
    const dir = await knowledgeDir(BAKERY);
    const viaEnv = await run(['topics'], { env: { KNOWLEDGE_DIR: dir } });
    expect(viaEnv.status).toBe(0);
    expect(viaEnv.stdout).toMatch(/^sourdough-starter\s+Feeding a sourdough starter$/m);
    expect(viaEnv.stdout).not.toContain('salary-india');

    const overridden = await run(['topics', '--knowledge', path.join(ROOT, 'knowledge')], { env: { KNOWLEDGE_DIR: dir } });
    expect(overridden.stdout).toContain('salary-india');
    expect(overridden.stdout).not.toContain('sourdough-starter');
  });

  it.each(
    sample([
      ['ask', ['ask', 'hello']],
      ['ask --json', ['ask', '--json', 'hello']],
      ['topics', ['topics']],
      ['check', ['check']],
    ]),
  )('%s with a missing knowledge directory prints one clear line and no stack trace', async (_what, args) => {
    const missing = path.join(tmpdir(), `careerbot-no-such-dir-${process.pid}`);
    const result = await run([...args, '--knowledge', missing]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectOneLineError(result, missing, /does not exist/);
  });

  it.each(
    sample([
      ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
      ['an unknown option', ['ask', '--frob', 'hi'], /--frob/],
      ['ask without a question', ['ask'], /ask needs a question/],
      ['show without an id', ['show'], /show needs a topic id/],
    ]),
  )('%s exits 2', async (_what, args, message) => {
    const result = await run(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('an unknown command prints the usage', async () => {
    const result = await run(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: careerbot');
    for (const command of ['ask', 'topics', 'show', 'check']) expect(result.stderr).toContain(`  ${command}`);
  });

  it('ask --json with 2,000 lines on stdin writes 2,000 JSON lines in the same order', async () => {
    const weird = [
      'what is backend development',
      '',
      'salry in india',
      '   ',
      'Is SQL a back-end language?',
      '\u200b\u200b\u200b',
      '\u202eegaugnal dnekcab\u202c',
      '🚀🔥👩‍💻',
      'caf\u00e9 r\u00e9sum\u00e9 na\u00efve',
      'tab\tseparated\tquestion',
      '\u0000\u0007\u001b[31mred\u001b[0m',
      'ｆｕｌｌｗｉｄｔｈ backend',
      '"quoted" \\ backslash {json: true}',
      'x'.repeat(3_000),
      'how to become a backend dev pls',
      'what is the weather today',
      'العربية سؤال',
      '日本語の質問',
    ];
    const questions = Array.from({ length: 2_000 }, (_, i) => weird[i % weird.length]!);
    const result = await run(['ask', '--json'], { input: `${questions.join('\n')}\n` });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    const lines = result.stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(2_000);
    lines.forEach((line, i) => expectJsonContract(line, questions[i]!));
    // The same question gets the same answer however often it comes.
    const byQuestion = new Map<string, string>();
    for (const line of lines) {
      const { question, ...match } = JSON.parse(line) as { question: string };
      const seen = byQuestion.get(question);
      if (seen === undefined) byQuestion.set(question, JSON.stringify(match));
      else expect(JSON.stringify(match)).toBe(seen);
    }
  });

  it('chat: greets with the topics, answers, opens a numbered topic and quits', async () => {
    const result = await run(['--no-record'], { input: 'hi\nsalry in india\n1\nquit\nwhat is backend\n' });
    expect(result.status).toBe(0);
    // Each turn's reply follows the "> " prompt.
    const [intro = '', greeting = '', salary = '', picked = '', ...after] = result.stdout.split(/\n\n> /);
    expect(intro).toMatch(/^careerbot: /);
    expect(intro).toMatch(/"quit"/);

    expect(greeting).toMatch(/^Hi!/);
    for (const t of shipped.topics) expect(greeting).toContain(`[${t.id}]`);

    const india = shipped.byId.get('salary-india')!;
    expect(salary.startsWith(`${india.title}\n`)).toBe(true);
    expect(salary).toContain('Related:');

    // "1" opens the first topic the previous reply offered.
    const first = /^ {2}1\. (.+) \[([a-z0-9-]+)\]$/m.exec(salary);
    expect(first).not.toBeNull();
    expect(first![2]).toBe(india.related[0]);
    expect(picked.startsWith(`${first![1]}\n`)).toBe(true);

    // "quit" ends the chat: the question after it is never answered.
    expect(after).toEqual(['']); // only the final prompt follows the picked topic
    expect(result.stdout.endsWith('\n\n> ')).toBe(true);
  });
});

describe('careerbot through runCli: more cases', () => {
  const run = inProcess;

  it('check exits 0 when a directory has only warnings', async () => {
    const dir = await knowledgeDir({ ...BAKERY, 'few.md': topic('Few', ['just one question']) });
    const result = await run(['check', '--knowledge', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^warning: few\.md: questions: /m);
    expect(result.stdout).toMatch(/0 error\(s\), 1 warning\(s\) - OK/);
  });

  it('ask with a broken knowledge directory refuses to answer and names the problem', async () => {
    const dir = await knowledgeDir({ ...BAKERY, 'broken.md': 'no frontmatter' });
    const result = await run(['ask', 'how do I feed a sourdough starter', '--knowledge', dir]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('broken.md: frontmatter:');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: careerbot');
  });

  it('ask --json reads stdin with CRLF line endings and no final newline', async () => {
    const result = await run(['ask', '--json'], { input: 'what is backend\r\nsalary in the us\r\nhello' });
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { question: string }).question)).toEqual([
      'what is backend',
      'salary in the us',
      'hello',
    ]);
  });

  it('ask --json with empty stdin prints nothing and exits 0', async () => {
    const result = await run(['ask', '--json'], { input: '' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });

  it('chat: a number with nothing matching asks for a valid one, and end of input ends the chat', async () => {
    const result = await run(['--no-record'], { input: 'hi\n999\n' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Pick a number from 1 to ${shipped.topics.length}.`);
  });
});

describe('ask --json in process', () => {
  it('waits for a slow reader instead of buffering everything or dropping lines', async () => {
    const stdin = new PassThrough();
    // A tiny buffer forces backpressure on every flush.
    const stdout = new PassThrough({ highWaterMark: 64 });
    const stderr = new PassThrough();
    const questions = Array.from({ length: 1_000 }, (_, i) => `question number ${i} about backend salary`);
    stdin.end(`${questions.join('\n')}\n`);
    const chunks: string[] = [];
    stdout.setEncoding('utf8');
    const reading = (async () => {
      for await (const chunk of stdout) {
        chunks.push(chunk as string);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const status = await runCli(['ask', '--json'], { stdin, stdout, stderr, env: {} });
    stdout.end();
    await reading;
    expect(status).toBe(0);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { question: string }).question)).toEqual(questions);
  });
});
