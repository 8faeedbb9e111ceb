import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { cleanText, normalize } from '../../src/text/normalize.js';
import { editDistance, SpellingIndex } from '../../src/text/spelling.js';

describe('normalize', () => {
  it.each([
    // spelling variants fold to one token
    ['back-end', 'backend'],
    ['back end', 'backend'],
    ['Back End developer', 'backend developer'],
    ['BACK-END', 'backend'],
    ['backend', 'backend'],
    ['back ends', 'backend'],
    ['front-end', 'frontend'],
    ['Front End', 'frontend'],
    ['frontend', 'frontend'],
    ['full stack', 'fullstack'],
    ['full-stack', 'fullstack'],
    ['Fullstack', 'fullstack'],
    ['data-base', 'database'],
    ['open-source', 'opensource'],
    ['web site', 'website'],
    ['dev ops', 'devops'],
    ['boot camp', 'bootcamp'],
    ['fe vs be', 'frontend vs backend'],
    ['be or fe', 'backend or frontend'],
    ['be devs', 'backend developers'],
    ['SDE-2', 'software development engineer 2'],
    ['swe1', 'software engineer 1'],
    ['HLD', 'system design'],
    ['sys design', 'system design'],
    ['salary in the U.S.', 'salary in usa'],
    // abbreviations expand
    ['dev', 'developer'],
    ['devs', 'developers'],
    ['db', 'database'],
    ['DBs', 'databases'],
    ['js', 'javascript'],
    ['JS dev', 'javascript developer'],
    ['pls tell me abt backend devs', 'please tell me about backend developers'],
    // punctuation that is part of a technology's name survives as a token
    ['C++', 'cpp'],
    ['c#', 'csharp'],
    ['F#', 'fsharp'],
    ['.NET', 'dotnet'],
    ['learn .net or java?', 'learn dotnet or java'],
    ['Node.js', 'nodejs'],
    ['node js', 'nodejs'],
    ['nodejs', 'nodejs'],
    ['Vue.js', 'vuejs'],
    // case, punctuation, apostrophes
    ['Is SQL a back-end language?!', 'is sql a backend language'],
    ["what's", 'whats'],
    ['it\u2019s', 'its'],
    ['salary...india???', 'salary india'],
    // accents and compatibility forms
    ['résumé', 'resume'],
    ['Café naïve', 'cafe naive'],
    ['ｂａｃｋｅｎｄ', 'backend'],
    // invisible characters around words
    ['\u202esalary\u202c', 'salary'],
    ['\u200fsalary\u200e', 'salary'],
    ['\u2066backend\u2069 salary', 'backend salary'],
    ['\ufeffsalary', 'salary'],
    ['salary\u0000', 'salary'],
    ['salary\tin\nindia\r', 'salary in india'],
    ['back\u200bend', 'backend'],
    // words that are also names of Object.prototype's members are words like any other
    ['what is a constructor', 'what is a constructor'],
    ['toString valueOf hasOwnProperty', 'tostring valueof hasownproperty'],
  ])('%j -> %j', (input, expected) => {
    const { text, tokens } = normalize(input);
    expect(text).toBe(expected);
    expect(tokens).toEqual(expected === '' ? [] : expected.split(' '));
  });

  // A reader sees one word: format characters that are not word breaks (Unicode UAX #29 treats them
  // as part of the word, unlike the zero-width space) must not split it in two.
  it.each([
    ['zero-width non-joiner', '\u200c'],
    ['zero-width joiner', '\u200d'],
    ['word joiner', '\u2060'],
    ['zero-width no-break space', '\ufeff'],
    ['soft hyphen', '\u00ad'],
  ])('keeps a word whole across a %s', (_name, invisible) => {
    expect(normalize(`sal${invisible}ary`).text).toBe('salary');
    expect(normalize(`frame${invisible}works`).text).toBe('frameworks');
  });

  it('gives the same key to phrasings that differ only in case, punctuation and spelling variants', () => {
    const keys = [
      'What does a back-end dev do?',
      'what does a backend developer do',
      'WHAT does a Back End developer do!!',
      '  what\u200b does a back end dev do ',
    ].map((question) => normalize(question).text);
    expect(new Set(keys).size).toBe(1);
    expect(normalize('What does a front-end dev do?').text).not.toBe(keys[0]);
  });

  it.each([
    '',
    '   ',
    '\u200b\u200b',
    '\u0000\u0001\u0007\u001b[31m',
    '😀',
    '🚀🔥👩‍💻',
    '\u202e\u202d\u2066',
    '\ud800',
    '\udfff\ud800',
    '...???!!!',
    '\u0301\u0308',
    'a'.repeat(100_000),
    '🙂'.repeat(10_000),
  ])('never throws on %j, and finds words only where there are letters or digits', (input) => {
    const result = normalize(input);
    if (/[\p{L}\p{N}]/u.test(input)) {
      expect(result.tokens.length).toBeGreaterThan(0);
    } else {
      expect(result).toEqual({ text: '', tokens: [] });
    }
  });

  it('never throws on any string, and always returns words separated by single spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const { text, tokens } = normalize(input);
        expect(text).toBe(tokens.join(' '));
        expect(text).toMatch(/^[\p{L}\p{N}]*(?: [\p{L}\p{N}]+)*$/u);
        expect(tokens.every((token) => token !== '')).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('cleanText', () => {
  it.each([
    ['zero-width space', 'a\u200bb'],
    ['right-to-left override', 'a\u202eb'],
    ['left-to-right mark', 'a\u200eb'],
    ['NUL', 'a\u0000b'],
    ['escape', 'a\u001bb'],
    ['C1 control', 'a\u0085b'],
    ['byte-order mark', 'a\ufeffb'],
  ])('removes a %s', (_name, input) => {
    const cleaned = cleanText(input);
    expect(cleaned.replace(/\s/g, '')).toBe('ab');
  });

  it('keeps what a reader sees', () => {
    expect(cleanText('Is SQL a back-end language? 🙂')).toBe('Is SQL a back-end language? 🙂');
  });
});

describe('editDistance', () => {
  it.each([
    ['', '', 2, 0],
    ['abc', 'abc', 2, 0],
    ['salry', 'salary', 2, 1],
    ['backnd', 'backend', 2, 1],
    ['ab', 'ba', 2, 1], // adjacent transposition counts as one edit
    ['slaary', 'salary', 2, 1],
    ['kitten', 'sitting', 5, 3],
    ['ca', 'abc', 5, 3], // optimal string alignment, not full Damerau
    ['', 'abc', 5, 3],
    ['abc', '', 5, 3],
    // past `max`, the answer is max + 1
    ['abc', '', 2, 3],
    ['abcdef', 'uvwxyz', 2, 3],
    ['kitten', 'sitting', 1, 2],
  ])('editDistance(%j, %j, %i) = %i', (a, b, max, expected) => {
    expect(editDistance(a, b, max)).toBe(expected);
    expect(editDistance(b, a, max)).toBe(expected);
  });
});

describe('SpellingIndex', () => {
  let index: SpellingIndex;
  beforeAll(async () => {
    // The vocabulary the matcher repairs towards: the knowledge's questions, titles and keywords.
    const { knowledge } = await loadKnowledge(path.resolve(import.meta.dirname, '../../knowledge'));
    index = new SpellingIndex(
      knowledge.topics.flatMap((topic) =>
        [...topic.questions, topic.title, ...topic.keywords].flatMap((text) => normalize(text).tokens),
      ),
    );
  });

  it.each([
    ['salry', 'salary'],
    ['slary', 'salary'],
    ['salaray', 'salary'],
    ['backnd', 'backend'],
    ['bakend', 'backend'],
    ['databse', 'database'],
    ['framwork', 'framework'],
    ['intervew', 'interview'],
  ])('corrects %j to %j', (typo, expected) => {
    expect(index.correct(typo)).toBe(expected);
  });

  // Words of 8+ letters may be two edits away (the docstring of `correct`): two missing letters, or a
  // missing letter plus a transposition.
  it.each([
    ['framwrks', 'frameworks'],
    ['certficaton', 'certification'],
    ['framwroks', 'frameworks'],
  ])('corrects %j to %j, two edits away', (typo, expected) => {
    expect(editDistance(typo, expected, 2)).toBe(2);
    expect(index.correct(typo)).toBe(expected);
  });

  it.each([
    ['a known word', 'salary'],
    ['a known word', 'backend'],
    ['a short word', 'sal'],
    ['a short word', 'jva'],
    ['a word with digits', 'salary2'],
    ['a word nothing is close to', 'zzxqjv'],
    ['a very long word', 'salary'.repeat(6)],
  ])('leaves %s alone: %j', (_what, word) => {
    expect(index.correct(word)).toBeNull();
  });

  it('prefers the more frequent of two equally close words', () => {
    const words = new SpellingIndex(['sale', 'salt', 'salt', 'salt']);
    expect(words.correct('salx')).toBe('salt');
    const other = new SpellingIndex(['sale', 'sale', 'salt']);
    expect(other.correct('salx')).toBe('sale');
  });

  it('prefers the closer word over the more frequent one', () => {
    const words = new SpellingIndex(['developer', 'developers', 'developers', 'developers']);
    expect(words.correct('develper')).toBe('developer');
  });

  // The symmetric-delete index is a shortcut: it must find a correction exactly as good as a scan of
  // the whole vocabulary would (same distance, same frequency), and find one whenever the scan does.
  it('finds as good a correction as a scan of the vocabulary, for random typos of random words', () => {
    const vocabulary = [
      'salary',
      'salt',
      'sale',
      'backend',
      'database',
      'databases',
      'framework',
      'interview',
      'aabba',
      'deeded',
    ];
    const weights = new Map(vocabulary.map((word, i) => [word, (i % 3) + 1]));
    const words = new SpellingIndex(vocabulary.flatMap((word) => Array<string>(weights.get(word)!).fill(word)));
    const scan = (typo: string) => {
      const max = typo.length >= 8 ? 2 : 1;
      let best: { distance: number; frequency: number } | null = null;
      for (const word of vocabulary) {
        const distance = editDistance(typo, word, max);
        if (distance > max || (distance === 2 && word[0] !== typo[0])) continue;
        const frequency = weights.get(word)!;
        if (best === null || distance < best.distance || (distance === best.distance && frequency > best.frequency)) {
          best = { distance, frequency };
        }
      }
      return best;
    };
    const typo = fc
      .tuple(
        fc.constantFrom(...vocabulary),
        fc.array(fc.tuple(fc.nat(20), fc.constantFrom('a', 'b', 'e', 'd', 'x', '')), { maxLength: 2 }),
      )
      .map(([word, edits]) =>
        edits.reduce(
          (text, [at, letter]) => text.slice(0, at % (text.length + 1)) + letter + text.slice((at % (text.length + 1)) + 1),
          word,
        ),
      );
    fc.assert(
      fc.property(typo, (text) => {
        fc.pre(text.length >= 4 && !words.has(text));
        const found = words.correct(text);
        const expected = scan(text);
        if (expected === null) return found === null;
        return found !== null && editDistance(text, found, 2) === expected.distance && weights.get(found) === expected.frequency;
      }),
      { numRuns: 2000 },
    );
  });

  it('knows the words it was built from', () => {
    const words = new SpellingIndex(['salary', 'go']);
    expect(words.has('salary')).toBe(true);
    expect(words.has('go')).toBe(true);
    expect(words.has('salry')).toBe(false);
  });
});
