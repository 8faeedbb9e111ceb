import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { Matcher } from '../../src/matcher/matcher.js';
import type { KnowledgeBase } from '../../src/types.js';

const root = path.resolve(import.meta.dirname, '../..');
const questions = [
  'is sql a backend language??',
  'salry in india',
  'weather today',
  'what does a backend dev do',
  'mysql or postgres',
];
let knowledge: KnowledgeBase;
let cacheDir: string;

beforeAll(async () => {
  ({ knowledge } = await loadKnowledge(path.join(root, 'knowledge')));
});
beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-cache-'));
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('matcher weight cache', () => {
  it('keys the weights by the training seed: the same seed reproduces a model, another seed trains its own', () => {
    const first = new Matcher(knowledge, { cacheDir, seed: 7 });
    const again = new Matcher(knowledge, { seed: 7 });
    for (const q of questions) expect(again.match(q)).toEqual(first.match(q));
    const other = new Matcher(knowledge, { cacheDir, seed: 8 });
    expect(other.fromCache).toBe(false);
    const confidences = (m: Matcher) => questions.map((q) => m.match(q).confidence);
    expect(confidences(other)).not.toEqual(confidences(first));
  });

  it('reuses the trained weights for the same knowledge, with identical matches', async () => {
    const trained = new Matcher(knowledge, { cacheDir });
    expect(trained.fromCache).toBe(false);
    expect(trained.cacheError).toBeNull();
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.bin'))).toHaveLength(1);
    const restored = new Matcher(knowledge, { cacheDir });
    expect(restored.fromCache).toBe(true);
    for (const q of questions) expect(restored.match(q)).toEqual(trained.match(q));
  });

  it('trains afresh when the knowledge changes', () => {
    new Matcher(knowledge, { cacheDir });
    const [first, ...rest] = knowledge.topics;
    const edited = { ...first!, questions: [...first!.questions, 'a brand new way of asking about apis'] };
    const changed: KnowledgeBase = {
      ...knowledge,
      topics: [edited, ...rest],
      byId: new Map([...knowledge.byId, [edited.id, edited]]),
    };
    expect(new Matcher(changed, { cacheDir }).fromCache).toBe(false);
  });

  it('ignores a corrupt entry, retrains and replaces it', async () => {
    new Matcher(knowledge, { cacheDir });
    const [entry] = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, entry!), 'not a model');
    const matcher = new Matcher(knowledge, { cacheDir });
    expect(matcher.fromCache).toBe(false);
    expect(matcher.match('salry in india')).toMatchObject({ outcome: 'answer', topicId: 'salary-india' });
    expect(new Matcher(knowledge, { cacheDir }).fromCache).toBe(true);
  });

  it('reports an unwritable cache and still answers', async () => {
    const file = path.join(cacheDir, 'not-a-directory');
    await writeFile(file, '');
    const matcher = new Matcher(knowledge, { cacheDir: file });
    expect(matcher.cacheError?.code).toBe('careerbot_cache_unwritable');
    expect(matcher.cacheError?.message).toContain('cannot write the matcher cache');
    expect(matcher.match('salry in india').topicId).toBe('salary-india');
  });
});
