import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ANSI, PLAIN } from '../../adapters/console/render.js';
import { isCareerbotError } from '../../src/errors.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { loadDotEnv, PROJECT_ROOT, readConfig, type Config } from '../config.js';
import { parseArgsOptions, type CliIO, type Command, type OptionSpec, type OptionValues } from './commands/command.js';
import { COMMANDS } from './commands/index.js';

export type { CliIO } from './commands/command.js';
export { matchToJson, parseThreadLine } from './commands/ask.js';
export { SHUTDOWN_GRACE_MS } from './commands/start.js';

/** Options every command takes. */
const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  knowledge: { type: 'string', value: 'DIR', help: 'knowledge directory (default: ./knowledge, or KNOWLEDGE_DIR)' },
  data: { type: 'string', value: 'DIR', help: 'data directory holding careerbot.db (default: ./data, or DATA_DIR)' },
  version: { type: 'boolean', help: 'print the version' },
  help: { type: 'boolean', short: 'h', help: 'this help; "careerbot <command> --help" for one command' },
};

const COLUMN = 25;

function row(left: string, right: string): string {
  return left.length >= COLUMN - 2 ? `  ${left}\n${' '.repeat(COLUMN)}${right}` : `  ${left.padEnd(COLUMN - 2)}${right}`;
}

function optionRows(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) =>
    row(`${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`, spec.help),
  );
}

/** The usage, generated from the dispatch table. */
export function usage(): string {
  const commands = [...COMMANDS.values()].flatMap((command) => command.usage.map(([left, right]) => row(left, right)));
  return [
    'Usage: careerbot [command] [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Options:',
    ...optionRows(GLOBAL_OPTIONS),
    '',
    'Run "careerbot <command> --help" for the options of one command.',
  ].join('\n');
}

/** `careerbot <command> --help`. */
function commandUsage(command: Command): string {
  const own = Object.keys(command.options).length > 0 ? ['', 'Options:', ...optionRows(command.options)] : [];
  return [
    'Usage:',
    ...command.usage.map(([left, right]) => row(left && `careerbot ${left}`, right)),
    ...own,
    '',
    'Options of every command:',
    ...optionRows(GLOBAL_OPTIONS),
  ].join('\n');
}

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The command's name and where it is in argv: the first argument that is neither an option nor its value. */
function findCommand(argv: readonly string[]): { name: string; index: number } | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return null;
    if (!arg.startsWith('-')) return { name: arg, index: i };
    const name = arg.replace(/^--?/, '');
    if (GLOBAL_OPTIONS[name]?.type === 'string') i += 1; // skip its value
  }
  return null;
}

/** Runs one CLI invocation; resolves to the process exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const found = findCommand(argv);
  let name = found?.name ?? 'chat';
  let rest = found ? [...argv.slice(0, found.index), ...argv.slice(found.index + 1)] : argv;
  if (name === 'help') {
    // `careerbot help` and `careerbot help ask`
    const topic = findCommand(rest);
    const command = topic ? COMMANDS.get(topic.name) : undefined;
    out(command ? commandUsage(command) : usage());
    return 0;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    err(`careerbot: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  name = command.name;
  const forHelp = found ? `careerbot ${name} --help` : 'careerbot --help';

  let values: OptionValues;
  try {
    const parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: parseArgsOptions({ ...GLOBAL_OPTIONS, ...command.options }),
    });
    values = parsed.values;
    rest = parsed.positionals;
  } catch (error) {
    // node's message goes on about positionals after "--"; its first sentence is the point.
    const first = (error as Error).message.split(/\.\s/)[0]!.replace(/\.$/, '');
    err(`careerbot: ${found ? `${name}: ` : ''}${first[0]!.toLowerCase()}${first.slice(1)}; "${forHelp}" lists the options`);
    return 2;
  }
  if (values.version === true) {
    out(`careerbot ${version()}`);
    return 0;
  }
  if (values.help === true) {
    out(found ? commandUsage(command) : usage());
    return 0;
  }

  let logger: Logger | undefined;
  try {
    const config: Config = readConfig(io.env, {
      knowledgeDir: typeof values.knowledge === 'string' ? values.knowledge : undefined,
    });
    if (typeof values.data === 'string') config.dataDir = path.resolve(values.data);
    // Terminal commands keep stderr quiet unless asked; the chat adapters log at info.
    logger = createLogger({ level: io.env.LOG_LEVEL ?? (command.logsAtConfiguredLevel ? config.logLevel : 'warn') });
    const style = io.stdout.isTTY && !io.env.NO_COLOR ? ANSI : PLAIN;
    return await command.run({ args: rest, values, io, config, logger, style, out, err });
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
