import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSets } from '../../scripts/eval/sets.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { normalize } from '../../src/text/normalize.js';
import type { KnowledgeBase } from '../../src/types.js';

// The evaluation sets measure questions the bot never saw: a sample question in knowledge/ that is a
// copy or a near-copy of one (token Jaccard >= 0.75) would hide a miss instead of fixing it.
const root = path.resolve(import.meta.dirname, '../..');
const NEAR_COPY = 0.75;
let knowledge: KnowledgeBase;

beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(path.join(root, 'knowledge')));
});

function tokenSet(text: string): Set<string> {
  return new Set(normalize(text).tokens);
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const token of a) if (b.has(token)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

describe('knowledge sample questions stay apart from the evaluation questions', () => {
  const { sets, followups } = defaultSets(root);
  const evaluation = [
    ...sets.flatMap((set) => set.cases.map((c) => ({ set: set.name, q: c.q }))),
    ...followups.flatMap((set) => set.cases.flatMap((c) => [c.first, c.followup].map((q) => ({ set: set.name, q })))),
  ];

  it('reads every set (at least 300 community-style questions of our own)', () => {
    expect(sets.find((set) => set.name === 'community-own.tsv')!.cases.length).toBeGreaterThanOrEqual(300);
    expect(evaluation.length).toBeGreaterThan(900);
  });

  it('labels only topics that exist', () => {
    for (const set of [...sets, ...followups]) {
      for (const c of set.cases)
        for (const label of c.labels ?? []) expect(knowledge.byId.has(label), `${set.name}: ${label}`).toBe(true);
    }
  });

  it(`has no sample question within token Jaccard ${NEAR_COPY} of an evaluation question`, () => {
    const evalTokens = evaluation.map((e) => ({ ...e, tokens: tokenSet(e.q) }));
    const nearCopies: string[] = [];
    for (const topic of knowledge.topics) {
      for (const question of topic.questions) {
        const tokens = tokenSet(question);
        for (const e of evalTokens) {
          if (jaccard(tokens, e.tokens) >= NEAR_COPY) nearCopies.push(`${topic.id}: "${question}" ~ ${e.set}: "${e.q}"`);
        }
      }
    }
    expect(nearCopies).toEqual([]);
  });

  it('tells a near-copy from a different question', () => {
    expect(jaccard(tokenSet('is sql a backend language'), tokenSet('is SQL a backend language??'))).toBe(1);
    expect(jaccard(tokenSet('is sql a backend language'), tokenSet('backend salary in india'))).toBeLessThan(NEAR_COPY);
  });
});
