import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkKnowledge, loadKnowledge } from '../../src/knowledge/load.js';
import { Matcher } from '../../src/matcher/matcher.js';
import { SpellingIndex } from '../../src/text/spelling.js';
import { englishWords } from '../../src/text/english.js';
import type { KnowledgeBase } from '../../src/types.js';
import { defaultSets } from '../../scripts/eval/sets.js';

// Issue 10: technical terms carry weight. A topic's `terms` (its glossary) point a question to it
// whatever the rest of the message says; a term two topics list points to neither.

const root = path.resolve(import.meta.dirname, '../..');

describe('the career glossary', () => {
  let career: Matcher;
  let knowledgeBase: KnowledgeBase;
  beforeAll(async () => {
    const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
    knowledgeBase = knowledge;
    career = new Matcher(knowledge);
  });

  it.each([
    ['databases', 'should i use an orm or not'],
    ['version-control', 'gitflow or trunk based, what do teams use'],
    ['web-servers', 'why put gunicorn behind nginx'],
    ['security', 'what is owasp top 10'],
    ['testing-debugging', 'is tdd actually practised in companies'],
    ['work-life', 'how bad is on call for backend engineers'],
  ])('a question naming a %s term is answered with it: %s', (topicId, question) => {
    const result = career.match(question);
    expect(result.outcome).toBe('answer');
    expect(result.topicId).toBe(topicId);
  });

  it('a named term makes the out-of-scope class need twice the probability to decline, and only then', () => {
    const strict = new Matcher(knowledgeBase, { outOfScopeRatio: 1 });
    const { sets } = defaultSets(root);
    let rescued = 0;
    for (const { q, labels } of sets.flatMap((set) => set.cases)) {
      const before = strict.match(q);
      const after = career.match(q);
      if (before.outcome === after.outcome && before.topicId === after.topicId) continue;
      // Only questions the out-of-scope class declined change, and only to a topic whose term they name.
      expect(before.offTopic, q).toBe(true);
      expect(career.analyze(q).termTopics.has(after.topicId ?? ''), q).toBe(after.outcome === 'answer');
      if (after.outcome === 'answer') {
        rescued++;
        expect(labels, `an off-topic question stays declined: ${q}`).not.toBeNull();
      }
    }
    expect(rescued).toBeGreaterThan(0);
  });

  it('a term does not turn an off-topic question into an answer', () => {
    // "bangalore" sits in salary questions and "inception" is one edit from "injection" (a security term).
    for (const question of ['is inception worth watching', 'what is the weather in bangalore today']) {
      expect(career.match(question).outcome, question).toBe('fallback');
    }
  });
});

describe('glossary rules', () => {
  let dir: string;
  const topic = (title: string, questions: string[], terms: string[], body: string) =>
    `---\ntitle: ${title}\nquestions:\n${questions.map((q) => `  - ${q}\n`).join('')}terms: [${terms.join(', ')}]\n---\n${body}\n`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-glossary-'));
    await writeFile(
      path.join(dir, 'cards.md'),
      topic(
        'Cards',
        ['how do i order a new card', 'my card is lost', 'when does my card arrive', 'can i change my card pin'],
        ['debit card', 'contactless', 'shared term'],
        'Order cards in the app.',
      ),
    );
    await writeFile(
      path.join(dir, 'transfers.md'),
      topic(
        'Transfers',
        ['how do i send money abroad', 'how long does a payment take', 'can i cancel a payment', 'what is my daily limit'],
        ['iban', 'swift code', 'shared term'],
        'Send money in the app.',
      ),
    );
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('a term listed by two topics is a warning naming both files, and the knowledge still loads', async () => {
    const check = await checkKnowledge(dir);
    expect(check.knowledge).not.toBeNull();
    const shared = check.problems.filter((p) => p.field.startsWith('terms['));
    expect(shared).toHaveLength(1);
    expect(shared[0]!.severity).toBe('warning');
    expect(shared[0]!.message).toContain('cards.md');
  });

  it('a question naming a term leans to its topic, with the boost and without it', async () => {
    const { knowledge } = await loadKnowledge(dir);
    const boosted = new Matcher(knowledge);
    const plain = new Matcher(knowledge, { termBoost: 0 });
    const question = 'where do i find the iban for this';
    const withBoost = boosted.rank(question, 2);
    const without = plain.rank(question, 2);
    expect(withBoost[0]!.topicId).toBe('transfers');
    // The boost moves probability to the term's topic.
    expect(withBoost[0]!.confidence).toBeGreaterThan(without.find((s) => s.topicId === 'transfers')!.confidence);
  });

  it('a shared term favours neither topic', async () => {
    const { knowledge } = await loadKnowledge(dir);
    const boosted = new Matcher(knowledge).rank('shared term', 2);
    const plain = new Matcher(knowledge, { termBoost: 0 }).rank('shared term', 2);
    expect(boosted).toEqual(plain);
  });
});

describe('the typo repair leaves common words alone', () => {
  it('corrects a typo towards the knowledge but not a real word that happens to be close', () => {
    const spelling = new SpellingIndex(['injection', 'salary'], [], englishWords());
    expect(spelling.correct('salry')).toBe('salary');
    expect(spelling.correct('inception')).toBeNull();
    expect(new SpellingIndex(['injection']).correct('inception')).toBe('injection');
  });
});
