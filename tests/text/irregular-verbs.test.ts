import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Matcher } from '../../src/matcher/matcher.js';
import { stem } from '../../src/text/normalize.js';

// Porter stems strip regular suffixes only: irregular verb forms take their base form first
// (resources/irregular-verbs.txt, from WordNet via scripts/derive-irregular-verbs.ts).

describe('irregular verb forms', () => {
  it.each([
    ['frozen', 'freeze'],
    ['froze', 'freezing'],
    ['paid', 'pay'],
    ['spent', 'spending'],
    ['wrote', 'write'],
    ['taught', 'teaching'],
    ['chose', 'choose'],
    ['built', 'build'],
  ])('%s stems like %s', (form, base) => {
    expect(stem(form)).toBe(stem(base));
  });

  it.each([
    ['bit', 'bite'], // "a bit of c from college"
    ['bound', 'bind'],
    ['saw', 'see'],
    ['ground', 'grind'],
  ])('%s, more often another word, stays apart from %s', (form, base) => {
    expect(stem(form)).not.toBe(stem(base));
  });

  describe('in matching', () => {
    let dir: string;
    let matcher: Matcher;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-verbs-'));
      const topic = (title: string, questions: string[]) =>
        `---\ntitle: ${title}\nquestions:\n${questions.map((q) => `  - ${q}`).join('\n')}\n---\n${title}: see the app.\n`;
      await writeFile(
        path.join(dir, 'pay-bill.md'),
        topic('Paying a bill', [
          'how do i pay my bill',
          'pay the electricity bill',
          'can i pay my phone bill here',
          'i want to pay a bill',
        ]),
      );
      await writeFile(
        path.join(dir, 'bill-amount.md'),
        topic('What a bill comes to', [
          'how much is my bill',
          'what do i owe on my bill',
          'show my bill total',
          'bill amount this month',
        ]),
      );
      await writeFile(path.join(dir, 'out-of-scope.txt'), 'tell me a joke\nwhat is the weather like\n');
      const { knowledge } = await loadKnowledge(dir);
      matcher = new Matcher(knowledge);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('a question with the past form finds the topic that uses the base form', () => {
      for (const question of ['has my bill been paid yet', 'i paid the electricity bill twice']) {
        const result = matcher.match(question);
        expect(result.suggestions[0]?.topicId, question).toBe('pay-bill');
      }
    });
  });
});
