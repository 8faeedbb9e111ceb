import { runImport } from '../../../src/import/command.js';
import type { Command } from './command.js';

export const importCommand: Command = {
  name: 'import',
  usage: [
    ['import FILE --out DIR', 'build a knowledge directory from a CSV, TSV, JSON Lines or Rasa NLU YAML export'],
    ['', '(--force replaces a non-empty DIR; --out-of-scope-label NAME: rows to decline)'],
  ],
  options: {
    out: { type: 'string', value: 'DIR', help: 'the knowledge directory to write' },
    force: { type: 'boolean', help: 'replace a non-empty --out directory' },
    'out-of-scope-label': { type: 'string', value: 'NAME', help: "that label's rows go to out-of-scope.txt" },
  },
  async run(ctx) {
    const { out, force } = ctx.values;
    const label = ctx.values['out-of-scope-label'];
    return runImport(
      ctx.args,
      {
        out: typeof out === 'string' ? out : undefined,
        force: force === true,
        outOfScopeLabel: typeof label === 'string' ? label : undefined,
      },
      { out: ctx.out, err: ctx.err },
    );
  },
};
