import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { Reply, TopicRef } from '../../src/reply.js';
import type { CareerStore } from '../../src/store/store.js';
import { askPicked, askQuestion } from '../../src/use-cases/ask.js';
import { offeredTopics, renderReply, type TerminalStyle } from './render.js';

/**
 * The terminal chat: a question per line. A number picks one of the topics the last reply
 * listed; "topics" lists everything; "quit" (or Ctrl-D) leaves.
 */
export async function runChat(options: {
  bot: CareerBot;
  input: Readable;
  output: Writable;
  style: TerminalStyle;
  logger: Logger;
  prompt?: string;
  /** Where questions are recorded, like the adapters' (for `careerbot report`); none: nothing is recorded. */
  store?: CareerStore | undefined;
  /** Who is typing (the OS user), for the log lines. */
  user?: string | undefined;
}): Promise<void> {
  const { bot, input, output, style, logger, store } = options;
  const asker = { platform: 'console' as const, userId: options.user ?? 'local', channelId: null, conversation: 'chat' };
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  const say = (text: string) => output.write(`${text}\n\n`);
  let offered: TopicRef[] = [];
  const show = (reply: Reply) => {
    offered = offeredTopics(reply);
    say(renderReply(reply, style));
  };

  say(
    `${style.bold('careerbot')}: ${bot.identity.name}. I answer ${bot.identity.about}. ` +
      `Type a question, a number to open a listed topic, "topics" for the list, or "quit".`,
  );
  rl.setPrompt(options.prompt ?? '> ');
  rl.prompt();
  for await (const line of rl) {
    const text = line.trim();
    const log = logger.child({ platform: 'console' });
    try {
      if (/^(quit|exit|:q)$/i.test(text)) break;
      if (text === '') {
        // nothing typed: just prompt again
      } else if (/^\d{1,3}$/.test(text) && offered.length > 0) {
        const choice = offered[Number(text) - 1];
        const topic = choice ? bot.topic(choice.id) : undefined;
        if (topic) show(await askPicked({ bot, store, log }, { ...asker, topic }));
        else say(`Pick a number from 1 to ${offered.length}.`);
      } else if (/^(topics|list)$/i.test(text)) {
        show({ kind: 'smalltalk', text: 'Topics:', topics: bot.topics() });
      } else {
        // The terminal chat is one conversation: follow-ups are read with the turns before them.
        // Matched, logged and recorded by the same use case as Slack and Discord.
        show((await askQuestion({ bot, store, log }, { ...asker, text })).reply);
      }
    } catch (err) {
      log.error({ err }, 'chat turn failed');
      say('Sorry, something went wrong with that one. Please try again.');
    }
    rl.prompt();
  }
  rl.close();
}
