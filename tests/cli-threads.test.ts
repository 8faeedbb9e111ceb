import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { runCli } from '../app/cli/main.js';

/** `careerbot ask --json --threads`: one {"thread", "question"} per line in, one result per line out. */
async function threads(lines: readonly string[], extraArgs: string[] = []) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  stdin.end(lines.map((line) => `${line}\n`).join(''));
  const status = await runCli(['ask', '--json', '--threads', ...extraArgs], { stdin, stdout, stderr, env: {} });
  stdout.end();
  stderr.end();
  const results = (await out)
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { status, results, stderr: await err };
}

const turn = (thread: string, question: string) => JSON.stringify({ thread, question });

describe('ask --json --threads', () => {
  it('reads a follow-up with the turns before it in the same thread, and only that thread', async () => {
    const { status, results } = await threads([
      turn('a', 'backend salary in usa'),
      turn('b', 'what is nginx'),
      turn('a', 'and at senior level?'),
      turn('b', 'how is it different from apache'),
      // The same follow-ups in a thread with no history have nothing to lean on.
      turn('c', 'and at senior level?'),
      turn('c', 'how is it different from apache'),
    ]);
    expect(status).toBe(0);
    expect(results.slice(0, 4).map((r) => [r.thread, r.outcome, r.topicId])).toEqual([
      ['a', 'answer', 'salary-us'],
      ['b', 'answer', 'web-servers'],
      ['a', 'answer', 'salary-us'],
      ['b', 'answer', 'web-servers'],
    ]);
    // Thread c has no answer to lean on: not answered (at most "did you mean", since "apache" names a topic).
    expect(results.slice(4).map((r) => [r.thread, r.outcome === 'answer' ? r.topicId : 'not answered'])).toEqual([
      ['c', 'not answered'],
      ['c', 'not answered'],
    ]);
  });

  it('answers a full new question in a thread on its own merits', async () => {
    const alone = await threads([turn('x', 'is sql a backend language?')]);
    const after = await threads([turn('x', 'backend salary in india'), turn('x', 'is sql a backend language?')]);
    expect(after.results[1]!.topicId).toBe(alone.results[0]!.topicId);
    expect(after.results[1]!.outcome).toBe('answer');
    expect(after.results[1]!.fromContext).toBeUndefined();
  });

  it('keeps one output line per input line: a bad line gets an error in its place and exit status 1', async () => {
    const { status, results, stderr } = await threads([
      turn('a', 'backend salary in usa'),
      'not json',
      JSON.stringify({ thread: 'a' }),
      JSON.stringify(['a', 'b']),
      turn('a', 'and at senior level?'),
    ]);
    expect(status).toBe(1);
    expect(results).toHaveLength(5);
    expect(results[1]).toEqual({ line: 2, error: expect.stringContaining('not JSON') });
    expect(results[2]).toEqual({ line: 3, error: expect.stringContaining('"question"') });
    expect(results[3]).toEqual({ line: 4, error: expect.stringContaining('not a JSON object') });
    // The bad lines do not break the conversation around them.
    expect(results[4]!.topicId).toBe('salary-us');
    expect(stderr).toMatch(/stdin line 2: not JSON/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('refuses --threads without --json or with a question on the command line', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const err = text(stderr);
    stdin.end('');
    expect(await runCli(['ask', '--threads'], { stdin, stdout, stderr, env: {} })).toBe(2);
    stderr.end();
    expect(await err).toMatch(/--threads needs --json/);
  });
});
