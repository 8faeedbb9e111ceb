import type { Command } from './command.js';
import { loadBot } from './load-bot.js';

export const topics: Command = {
  name: 'topics',
  usage: [['topics [--json]', 'list topic ids and titles (--json: an array of {id, title, questions})']],
  options: { json: { type: 'boolean', help: 'print a JSON array of {id, title, questions}' } },
  async run(ctx) {
    const bot = await loadBot(ctx);
    if (ctx.values.json === true) {
      const list = bot.knowledge.topics.map((topic) => ({ id: topic.id, title: topic.title, questions: topic.questions.length }));
      ctx.out(JSON.stringify(list, null, 2));
      return 0;
    }
    for (const topic of bot.topics()) ctx.out(`${topic.id.padEnd(28)} ${topic.title}`);
    return 0;
  },
};
