import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { ANSI, PLAIN, renderReply } from '../../adapters/console/render.js';
import { runChat } from '../../adapters/console/chat.js';
import { CareerBot } from '../../src/bot.js';
import { loadDotEnv, matcherCacheDir, readConfig, type Config } from '../config.js';
import { DRAIN_TIMEOUT_MS } from '../start.js';
import { runLearned, runReport } from './data-commands.js';
import { isCareerbotError } from '../../src/errors.js';
import { runImport } from '../../src/import/command.js';
import { checkKnowledge, formatProblem, loadKnowledge } from '../../src/knowledge/load.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { MatchResult } from '../../src/types.js';

const USAGE = `Usage: careerbot [command] [options]

Commands:
  (none)                 interactive chat in the terminal
  start                  start the Slack and/or Discord adapters when their tokens are set, else the terminal chat
  ask "question"         print the reply to one question
  ask --json "question"  print the match as JSON; with no question, read one question per line from stdin
  ask --json --threads   read {"thread": "...", "question": "..."} lines from stdin; a thread's turns
                         are one conversation, so follow-ups ("and in the US?") use the turns before
  topics                 list topic ids and titles
  show <id>              print one topic's answer
  check                  validate the knowledge directory; non-zero exit status when anything is wrong
  report [--days N]      questions the bot could not answer (grouped), feedback per topic, most asked topics
  learned list           phrasings the bot learned from moderators' links, numbered
  learned remove <n>     forget learned phrasing number n
  learned export         write the learned phrasings into the topics' questions in the knowledge files
  import FILE --out DIR  build a knowledge directory from a CSV, TSV, JSON Lines or Rasa NLU YAML export
                         (--force replaces a non-empty DIR; --out-of-scope-label NAME: rows to decline)

Options:
  --knowledge DIR        knowledge directory (default: ./knowledge, or KNOWLEDGE_DIR)
  --data DIR             data directory holding careerbot.db (default: ./data, or DATA_DIR); also for start
  --days N               report: the last N days (default 30)
  --json                 machine-readable output (ask, report)
  -h, --help             this help`;

export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: Record<string, string | undefined>;
}

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
      buffer.push(`${JSON.stringify(matchToJson(line, bot.matcher.match(line)))}\n`);
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

/** Time the adapters get to finish in-flight replies after SIGINT or SIGTERM: their one drain timeout. */
export const SHUTDOWN_GRACE_MS = DRAIN_TIMEOUT_MS;

/**
 * SIGINT/SIGTERM: stop taking events, let in-flight replies finish (bounded), close connections, exit 0.
 * A second signal exits at once.
 */
function stopOnSignals(running: ReadonlyArray<{ name: string; stop(): Promise<void> }>, logger: Logger): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, adapters: running.map((adapter) => adapter.name) }, 'shutting down');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS, 'timeout').unref());
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop())).then((results) => {
      results.forEach((result, i) => {
        if (result.status === 'rejected')
          logger.error({ err: result.reason, adapter: running[i]?.name }, 'adapter did not stop cleanly');
      });
      return 'stopped' as const;
    });
    void Promise.race([stopped, timeout]).then((outcome) => {
      if (outcome === 'timeout') logger.warn({ graceMs: SHUTDOWN_GRACE_MS }, 'in-flight replies did not finish in time');
      logger.info('stopped');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // A platform library's stray promise (a failed reconnect, say) must not take the bot down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
}

/** Runs one CLI invocation; resolves to the process exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        knowledge: { type: 'string' },
        data: { type: 'string' },
        days: { type: 'string' },
        json: { type: 'boolean', default: false },
        threads: { type: 'boolean', default: false },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        'out-of-scope-label': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err(`careerbot: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command = 'chat', ...rest] = positionals;
  if (values.help || command === 'help') {
    out(USAGE);
    return 0;
  }

  let config: Config;
  let logger: Logger | undefined;
  try {
    config = readConfig(io.env, { knowledgeDir: values.knowledge });
    if (values.data !== undefined) config.dataDir = path.resolve(values.data);
    // Terminal commands keep stderr quiet unless asked; the chat adapters log at info.
    logger = createLogger({ level: io.env.LOG_LEVEL ?? (command === 'start' ? config.logLevel : 'warn') });
    switch (command) {
      case 'check': {
        const result = await checkKnowledge(config.knowledgeDir);
        for (const problem of result.problems) out(formatProblem(problem));
        const errors = result.problems.filter((problem) => problem.severity === 'error').length;
        const warnings = result.problems.length - errors;
        out(
          `${result.files} topic file(s) in ${config.knowledgeDir}: ${errors} error(s), ${warnings} warning(s)` +
            (errors === 0 ? ' - OK' : ''),
        );
        return errors === 0 ? 0 : 1;
      }
      case 'import':
        return await runImport(
          rest,
          { out: values.out, force: values.force, outOfScopeLabel: values['out-of-scope-label'] },
          { out, err },
        );
      case 'report':
      case 'learned': {
        const dataIO = { out, err, style: io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN };
        if (command === 'report') return await runReport(config, dataIO, { days: values.days, json: values.json });
        return await runLearned(config, dataIO, rest);
      }
      case 'start': {
        if (config.slack || config.discord) {
          // Loaded only when configured: the terminal commands never pay for the chat SDKs.
          const { startAdapters } = await import('../start.js');
          const running = await startAdapters(config, logger);
          stopOnSignals(running, logger);
          return -1; // the adapters keep the process running
        }
        break;
      }
      case 'chat':
      case 'ask':
      case 'topics':
      case 'show':
        break;
      default:
        err(`careerbot: unknown command "${command}"\n\n${USAGE}`);
        return 2;
    }

    const { knowledge, warnings } = await loadKnowledge(config.knowledgeDir);
    for (const warning of warnings) logger.warn({ file: warning.file, field: warning.field }, warning.message);
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0, matcher: { cacheDir: matcherCacheDir(config) } });
    if (bot.matcher.cacheError) logger.warn(bot.matcher.cacheError);
    const style = io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN;

    switch (command) {
      case 'ask': {
        const question = rest.join(' ');
        if (question.trim() === '') {
          if (!values.json) {
            if (values.threads) {
              err('careerbot: ask --threads needs --json (careerbot ask --json --threads < turns.jsonl)');
              return 2;
            }
            err('careerbot: ask needs a question, e.g. careerbot ask "is sql a backend language?" (or --json to read stdin)');
            return 2;
          }
          return (await askJsonLines(bot, io, values.threads)) > 0 ? 1 : 0;
        }
        if (values.threads) {
          err('careerbot: ask --threads reads {"thread", "question"} lines from stdin; give no question on the command line');
          return 2;
        }
        if (values.json) out(JSON.stringify(matchToJson(question, bot.matcher.match(question))));
        else out(renderReply(bot.ask(question).reply, style));
        return 0;
      }
      case 'topics':
        for (const topic of bot.topics()) out(`${topic.id.padEnd(28)} ${topic.title}`);
        return 0;
      case 'show': {
        const id = rest[0];
        if (!id) {
          err('careerbot: show needs a topic id; "careerbot topics" lists them');
          return 2;
        }
        const topic = bot.topic(id);
        if (!topic) {
          const close = bot.suggest(id, 3).filter((s) => s.confidence > 0);
          err(
            `careerbot: no topic "${id}".` +
              (close.length > 0 ? ` Did you mean: ${close.map((s) => s.id).join(', ')}?` : ' "careerbot topics" lists them.'),
          );
          return 1;
        }
        out(renderReply(bot.answer(topic), style));
        return 0;
      }
      default:
        await runChat({ bot, input: io.stdin, output: io.stdout, style, logger });
        return 0;
    }
  } catch (error) {
    if (isCareerbotError(error)) {
      err(`careerbot: ${error.message}`);
      return error.code === 'careerbot_usage' ? 2 : 1;
    }
    if (logger) logger.error({ err: error }, 'unexpected failure');
    err(`careerbot: unexpected failure: ${(error as Error).message ?? String(error)}`);
    return 1;
  }
}

export async function main(): Promise<void> {
  // `careerbot ask ... | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    loadDotEnv();
  } catch (error) {
    process.stderr.write(`careerbot: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  const status = await runCli(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  });
  if (status >= 0) process.exitCode = status;
}
