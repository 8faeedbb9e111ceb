import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_WEIGHTS, FeatureSpace } from '../../src/matcher/features.js';

/** Feature names and counts of one text, in the order the space lists them. */
function named(space: FeatureSpace, tokens: string[]): [string, number][] {
  const { ids, counts } = space.count(tokens);
  return [...ids].map((id, k) => [space.names[id]!, counts[k]!]);
}

describe('FeatureSpace', () => {
  it('numbers features in order of first occurrence: word, bigram with the token before, character n-grams', () => {
    const space = new FeatureSpace(DEFAULT_FEATURE_WEIGHTS);
    expect(named(space, ['is', 'sql'])).toEqual([
      ['s is', 1],
      ['c <is', 1],
      ['c is>', 1],
      ['c <is>', 1],
      ['w sql', 1],
      ['b is sql', 1],
      ['c <sq', 1],
      ['c sql', 1],
      ['c ql>', 1],
      ['c <sql', 1],
      ['c sql>', 1],
    ]);
    expect(space.names.slice(0, 2)).toEqual(['s is', 'c <is']);
  });

  it('counts repeats once per feature, with their term count, and keeps ids across texts', () => {
    const space = new FeatureSpace({ ...DEFAULT_FEATURE_WEIGHTS, char: 0 });
    expect(named(space, ['sql', 'sql', 'sql'])).toEqual([
      ['w sql', 3],
      ['b sql sql', 2],
    ]);
    const first = space.size;
    expect(named(space, ['learn', 'sql'])).toEqual([
      ['w learn', 1],
      ['w sql', 1],
      ['b learn sql', 1],
    ]);
    expect(space.size).toBe(first + 2);
  });

  it('once frozen, drops what it does not know instead of adding it', () => {
    const space = new FeatureSpace({ ...DEFAULT_FEATURE_WEIGHTS, char: 0 });
    space.count(['learn', 'sql']);
    space.freeze();
    expect(named(space, ['learn', 'rust', 'sql', 'learn'])).toEqual([
      ['w learn', 2],
      ['w sql', 1],
    ]);
    expect(named(space, ['learn', 'sql'])).toEqual([
      ['w learn', 1],
      ['w sql', 1],
      ['b learn sql', 1],
    ]);
    expect(space.size).toBe(3);
  });

  it('restored from its names, counts a text as the space that learnt them (bigrams included)', () => {
    const trained = new FeatureSpace(DEFAULT_FEATURE_WEIGHTS);
    for (const text of [
      ['is', 'sql', 'a', 'backend', 'language'],
      ['what', 'does', 'a', 'backend', 'developer', 'do'],
    ]) {
      trained.count(text);
    }
    trained.freeze();
    const restored = new FeatureSpace(DEFAULT_FEATURE_WEIGHTS, trained.names);
    for (const text of [
      ['backend', 'developer', 'language'],
      ['a', 'backend'],
      ['sql', 'salary'],
    ]) {
      expect(restored.count(text)).toEqual(trained.count(text));
    }
  });

  it('counts a training set at once as it counts each text, numbering features the same way', () => {
    const texts = [
      ['is', 'sql', 'a', 'backend', 'language'],
      [],
      ['sql', 'sql', 'or', 'nosql'],
      ['what', 'does', 'a', 'backend', 'developer', 'do', ...Array.from({ length: 40 }, (_, i) => `word${i}`)],
    ];
    const one = new FeatureSpace(DEFAULT_FEATURE_WEIGHTS);
    const each = texts.map((text) => one.count(text));
    const all = new FeatureSpace(DEFAULT_FEATURE_WEIGHTS);
    expect(all.countAll(texts)).toEqual(each);
    expect(all.names).toEqual(one.names);
  });
});
