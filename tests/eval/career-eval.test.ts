import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Matcher } from '../../src/matcher/matcher.js';
import { normalize } from '../../src/text/normalize.js';
import type { KnowledgeBase } from '../../src/types.js';
import { evaluate, readEvalCases, type EvalCase } from '../../scripts/evaluate.js';

const root = path.resolve(import.meta.dirname, '../..');
const cases: EvalCase[] = readEvalCases(path.join(root, 'tests/eval/career.jsonl'));
let knowledge: KnowledgeBase;
let matcher: Matcher;

beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(path.join(root, 'knowledge')));
  matcher = new Matcher(knowledge);
});

describe('the labelled career evaluation set', () => {
  it('has at least 200 questions, 40 of them off-topic, each labelled with a real topic or null', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.topic === null).length).toBeGreaterThanOrEqual(40);
    for (const c of cases) if (c.topic !== null) expect(knowledge.byId.has(c.topic), c.topic).toBe(true);
  });

  it('is not made of the sample questions in the knowledge files', () => {
    const samples = new Set(knowledge.topics.flatMap((topic) => topic.questions.map((q) => normalize(q).text)));
    const copies = cases.filter((c) => samples.has(normalize(c.q).text)).map((c) => c.q);
    expect(copies).toEqual([]);
  });
});

describe('matcher floors on questions it never saw (npm run eval prints the misses)', () => {
  it('answers at least 95% of on-topic questions with the right topic', () => {
    const report = evaluate(matcher, cases);
    expect(report.onTopicCorrect / report.onTopic).toBeGreaterThanOrEqual(0.95);
  });

  it('rejects at least 95% of off-topic questions (fallback, clarify or small talk, never an answer)', () => {
    const report = evaluate(matcher, cases);
    expect(report.offTopicRejected / report.offTopic).toBeGreaterThanOrEqual(0.95);
  });

  it.each([
    ['is sql a backend language??', 'sql-backend-language'],
    ['salry in india', 'salary-india'],
    ['what does a backend dev actually do?', 'role'],
    ['pls tell me which backnd framworks to learn', 'frameworks'],
    ['What Is A Back-End Developer', 'what-is-backend'],
  ])('answers %j with %s (typos, case, variants, filler)', (question, topicId) => {
    const result = matcher.match(question);
    expect(result).toMatchObject({ outcome: 'answer', topicId });
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it.each(['hello', 'thanks a lot!', 'help', 'bye'])('treats %j as small talk', (text) => {
    expect(matcher.match(text).outcome).toBe('smalltalk');
  });

  it('answers a question far longer than fuse.js’s 32-character pattern limit', () => {
    const question =
      'hi everyone, i am in my second year of engineering and my cousin told me backend is good, so which programming languages should i learn first for backend development?';
    expect(matcher.match(question)).toMatchObject({ outcome: 'answer', topicId: 'languages' });
  });
});
