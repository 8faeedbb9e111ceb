import type { Readable, Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import type { TerminalStyle } from '../../../adapters/console/render.js';
import { CareerbotError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import type { Config } from '../../config.js';

export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: Record<string, string | undefined>;
}

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** One option of a command, with the line `--help` shows for it. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** `--days N`: the name of the value, for the help. */
  value?: string;
  help: string;
}

/** What a command's `run` gets: its own arguments, the configuration read once, and the terminal. */
export interface CommandContext {
  /** The positional arguments after the command's name. */
  args: string[];
  values: OptionValues;
  io: CliIO;
  config: Config;
  logger: Logger;
  style: TerminalStyle;
  out(text: string): void;
  err(text: string): void;
}

/** A CLI command: its help and its handler. `commands/index.ts` lists them; the usage is generated from them. */
export interface Command {
  name: string;
  /** `[synopsis, description]` lines of the usage, e.g. `['ask "question"', 'print the reply to one question']`. */
  usage: Array<[string, string]>;
  options: Record<string, OptionSpec>;
  /** The adapters log at the configured level; terminal commands keep stderr quiet unless LOG_LEVEL is set. */
  logsAtConfiguredLevel?: boolean;
  /** Resolves to the exit status; -1 keeps the process running (the adapters). */
  run(ctx: CommandContext): Promise<number>;
}

export function usageError(message: string): CareerbotError {
  return new CareerbotError('careerbot_usage', message);
}

/** node:util parseArgs options from our specs. */
export function parseArgsOptions(specs: Record<string, OptionSpec>): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [
      name,
      spec.short ? { type: spec.type, short: spec.short } : { type: spec.type },
    ]),
  );
}
