import { createInterface } from 'node:readline/promises';
import type { Readable, Writable } from 'node:stream';
import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { Reply, TopicRef } from '../../src/reply.js';
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
}): Promise<void> {
  const { bot, input, output, style, logger } = options;
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  const say = (text: string) => output.write(`${text}\n\n`);
  let offered: TopicRef[] = [];
  const show = (reply: Reply) => {
    offered = offeredTopics(reply);
    say(renderReply(reply, style));
  };

  say(
    `${style.bold('careerbot')}: ask about becoming a backend developer. ` +
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
        if (topic) show(bot.answerPicked(topic, { conversation: 'console' }));
        else say(`Pick a number from 1 to ${offered.length}.`);
      } else if (/^(topics|list)$/i.test(text)) {
        show({ kind: 'smalltalk', text: 'Topics:', topics: bot.topics() });
      } else {
        // The terminal chat is one conversation: follow-ups are read with the turns before them.
        const { reply, match } = bot.ask(text, { conversation: 'console' });
        log.debug({ outcome: match?.outcome, topicId: match?.topicId, confidence: match?.confidence }, 'answered');
        show(reply);
      }
    } catch (err) {
      log.error({ err }, 'chat turn failed');
      say('Sorry, something went wrong with that one. Please try again.');
    }
    rl.prompt();
  }
  rl.close();
}
