import { renderReply } from '../../../adapters/console/render.js';
import { usageError, type Command } from './command.js';
import { loadBot } from './load-bot.js';

export const show: Command = {
  name: 'show',
  usage: [['show <id>', "print one topic's answer"]],
  options: {},
  async run(ctx) {
    const id = ctx.args[0];
    if (!id) throw usageError('show needs a topic id; "careerbot topics" lists them');
    const bot = await loadBot(ctx);
    const topic = bot.topic(id);
    if (!topic) {
      const close = bot.suggest(id, 3).filter((s) => s.confidence > 0);
      ctx.err(
        `careerbot: no topic "${id}".` +
          (close.length > 0 ? ` Did you mean: ${close.map((s) => s.id).join(', ')}?` : ' "careerbot topics" lists them.'),
      );
      return 1;
    }
    ctx.out(renderReply(bot.answer(topic), ctx.style));
    return 0;
  },
};
