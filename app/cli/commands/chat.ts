import { userInfo } from 'node:os';
import { runChat } from '../../../adapters/console/chat.js';
import type { Command } from './command.js';
import { loadBot } from './load-bot.js';
import { openRecordingStore } from './store.js';

/** The OS user, for the store's per-platform counts; never a secret, and "local" when unknown. */
function localUser(): string {
  try {
    return userInfo().username || 'local';
  } catch {
    return 'local';
  }
}

export const chat: Command = {
  name: 'chat',
  usage: [
    ['chat [--no-record]', 'interactive chat in the terminal (also with no command)'],
    ['', "its questions are recorded like the adapters', so report can be tried locally"],
  ],
  options: { 'no-record': { type: 'boolean', help: 'chat: do not record the questions in the data store' } },
  async run(ctx) {
    const record = ctx.values['no-record'] !== true;
    // Recorded like Slack and Discord, so `careerbot report` can be tried locally; it also brings
    // the phrasings moderators taught the bot.
    const store = record ? await openRecordingStore(ctx.config) : undefined;
    try {
      const bot = await loadBot(ctx, store ? await store.learnedPhrasings() : []);
      await runChat({
        bot,
        input: ctx.io.stdin,
        output: ctx.io.stdout,
        style: ctx.style,
        logger: ctx.logger,
        store,
        user: localUser(),
      });
      return 0;
    } finally {
      await store?.close();
    }
  },
};
