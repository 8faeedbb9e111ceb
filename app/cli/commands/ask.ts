import { createInterface } from 'node:readline';
import { renderReply } from '../../../adapters/console/render.js';
import type { CareerBot } from '../../../src/bot.js';
import type { MatchResult } from '../../../src/types.js';
import { usageError, type CliIO, type Command } from './command.js';
import { loadBot } from './load-bot.js';
import { storedLearned } from './store.js';

/** The JSON shape of `ask --json`: a public contract. */
export function matchToJson(question: string, match: MatchResult) {
  return {
    question,
    outcome: match.outcome,
    topicId: match.topicId,
    confidence: match.confidence,
    suggestions: match.suggestions.map(({ topicId, confidence }) => ({ topicId, confidence })),
    ...(match.also && match.also.length > 0
      ? { also: match.also.map(({ topicId, confidence }) => ({ topicId, confidence })) }
      : {}),
    ...(match.fromContext ? { fromContext: true } : {}),
  };
}

/** One turn of `ask --json --threads`: lines with the same `thread` are one conversation, in order. */
export function parseThreadLine(line: string): { thread: string; question: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON; expected {"thread": "...", "question": "..."}';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object; expected {"thread": "...", "question": "..."}';
  const { thread, question } = value as { thread?: unknown; question?: unknown };
  if (typeof thread !== 'string' || thread === '') return '"thread" must be a non-empty string';
  if (typeof question !== 'string' || question.trim() === '') return '"question" must be a non-empty string';
  return { thread, question };
}

/**
 * `ask --json`: one question per stdin line, one JSON object per line out. With `threads`, each
 * line is `{"thread", "question"}` and turns of a thread are read with its earlier answers; a bad
 * line gets `{"line", "error"}` in its place. Resolves to the number of bad lines.
 */
async function askJsonLines(bot: CareerBot, io: CliIO, threads: boolean): Promise<number> {
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
  let buffer: string[] = [];
  let bad = 0;
  let lineNumber = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    if (!io.stdout.write(chunk)) await new Promise((resolve) => io.stdout.once('drain', resolve));
  };
  for await (const line of rl) {
    lineNumber += 1;
    if (!threads) {
      buffer.push(`${JSON.stringify(matchToJson(line, bot.match(line)))}\n`);
    } else if (line.trim() !== '') {
      const turn = parseThreadLine(line);
      if (typeof turn === 'string') {
        bad += 1;
        io.stderr.write(`careerbot: stdin line ${lineNumber}: ${turn}\n`);
        buffer.push(`${JSON.stringify({ line: lineNumber, error: turn })}\n`);
      } else {
        const { match } = bot.ask(turn.question, { conversation: `cli:${turn.thread}` });
        const result = match ?? { outcome: 'fallback' as const, topicId: null, confidence: 0, suggestions: [] };
        buffer.push(`${JSON.stringify({ thread: turn.thread, ...matchToJson(turn.question, result) })}\n`);
      }
    }
    if (buffer.length >= 256) await flush();
  }
  await flush();
  return bad;
}

export const ask: Command = {
  name: 'ask',
  usage: [
    ['ask "question"', 'print the reply to one question (with the phrasings moderators taught the bot)'],
    ['ask --json "question"', 'print the match as JSON; with no question, read one question per line from stdin'],
    ['ask --json --threads', 'read {"thread": "...", "question": "..."} lines from stdin; a thread\'s turns'],
    ['', 'are one conversation, so follow-ups ("and in the US?") use the turns before'],
  ],
  options: {
    json: { type: 'boolean', help: 'print the match as JSON (one object per line)' },
    threads: { type: 'boolean', help: 'with --json: read {"thread", "question"} lines from stdin' },
  },
  async run(ctx) {
    const question = ctx.args.join(' ');
    const json = ctx.values.json === true;
    const threads = ctx.values.threads === true;
    if (question.trim() === '' && !json) {
      if (threads) throw usageError('ask --threads needs --json (careerbot ask --json --threads < turns.jsonl)');
      throw usageError('ask needs a question, e.g. careerbot ask "is sql a backend language?" (or --json to read stdin)');
    }
    if (question.trim() !== '' && threads) {
      throw usageError('ask --threads reads {"thread", "question"} lines from stdin; give no question on the command line');
    }
    const bot = await loadBot(ctx, await storedLearned(ctx));
    if (question.trim() === '') return (await askJsonLines(bot, ctx.io, threads)) > 0 ? 1 : 0;
    if (json) ctx.out(JSON.stringify(matchToJson(question, bot.match(question))));
    else ctx.out(renderReply(bot.ask(question).reply, ctx.style));
    return 0;
  },
};
