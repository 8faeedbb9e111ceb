import { checkKnowledge, formatProblem } from '../../../src/knowledge/load.js';
import { IDENTITY_FILE } from '../../../src/knowledge/schema.js';
import type { Command } from './command.js';

export const check: Command = {
  name: 'check',
  usage: [['check', `validate the knowledge directory and its ${IDENTITY_FILE}; non-zero exit status when anything is wrong`]],
  options: {},
  async run(ctx) {
    const result = await checkKnowledge(ctx.config.knowledgeDir);
    for (const problem of result.problems) ctx.out(formatProblem(problem));
    const errors = result.problems.filter((problem) => problem.severity === 'error').length;
    const warnings = result.problems.length - errors;
    ctx.out(
      `${result.files} topic file(s) in ${ctx.config.knowledgeDir}: ${errors} error(s), ${warnings} warning(s)` +
        (errors === 0 ? ' - OK' : ''),
    );
    return errors === 0 ? 0 : 1;
  },
};
