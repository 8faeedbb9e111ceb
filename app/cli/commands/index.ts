import { ask } from './ask.js';
import { chat } from './chat.js';
import { check } from './check.js';
import type { Command } from './command.js';
import { importCommand } from './import.js';
import { learned } from './learned.js';
import { manifest } from './manifest.js';
import { report } from './report.js';
import { show } from './show.js';
import { start } from './start.js';
import { topics } from './topics.js';

/** The one dispatch table: `careerbot <name>` runs `COMMANDS[name]`; the usage is generated from it, in this order. */
export const COMMANDS: ReadonlyMap<string, Command> = new Map(
  [chat, start, ask, topics, show, check, report, learned, importCommand, manifest].map((command) => [command.name, command]),
);
