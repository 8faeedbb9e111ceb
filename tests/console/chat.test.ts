import path from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { runChat } from '../../adapters/console/chat.js';
import { PLAIN } from '../../adapters/console/render.js';
import { CareerBot } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createLogger } from '../../src/logger.js';

/** The terminal chat end to end: lines in, rendered text out, with the real core. */

let bot: CareerBot;
beforeAll(async () => {
  const { knowledge } = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
  bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
});

async function chat(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const done = runChat({ bot, input, output, style: PLAIN, logger: createLogger({ level: 'silent' }), prompt: '' });
  input.end(lines.map((line) => `${line}\n`).join(''));
  await done;
  return text;
}

const TWO_QUESTIONS = 'what is an api and how much do backend devs earn in india';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('terminal chat', () => {
  it('offers the other question of a two-question message as a numbered option that opens it', async () => {
    const apis = bot.topic('apis')!;
    const salary = bot.topic('salary-india')!;
    const once = await chat([TWO_QUESTIONS]);
    expect(once).toMatch(new RegExp(`^${escape(apis.title)}$`, 'm'));
    expect(once).toContain(`You also asked about: ${salary.title}`);
    // The answer to the first question does not already contain the second.
    expect(once).not.toMatch(new RegExp(`^${escape(salary.title)}$`, 'm'));
    const number = new RegExp(`^ {2}(\\d+)\\. ${escape(salary.title)} \\[salary-india\\]$`, 'm').exec(once)?.[1];
    expect(number).toBeDefined();

    const picked = await chat([TWO_QUESTIONS, number!]);
    expect(picked).toMatch(new RegExp(`^${escape(salary.title)}$`, 'm'));
  });
});
