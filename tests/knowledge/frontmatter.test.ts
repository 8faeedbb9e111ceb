import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseSimpleFrontmatter } from '../../src/knowledge/frontmatter.js';

// The fast frontmatter reader must either decline (null: the YAML library reads the file) or return
// exactly what the library returns; it must never accept text the library reports an error for.

const root = path.resolve(import.meta.dirname, '../..');
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

function viaLibrary(text: string): { errors: number; value: unknown } {
  const document = parseDocument(text, { prettyErrors: false });
  return { errors: document.errors.length, value: document.toJS() };
}

function frontmatterOf(dir: string): [string, string][] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .flatMap((name): [string, string][] => {
      const match = FRONTMATTER.exec(readFileSync(path.join(dir, name), 'utf8'));
      return match ? [[name, match[1]!]] : [];
    });
}

// Pieces of scalars that YAML reads in surprising ways: indicators, comments, numbers, booleans,
// nulls, quotes and escapes, separators, non-ASCII.
const ATOMS = [
  'what is an api',
  'salary',
  'c++',
  'c#',
  '.net',
  'node.js',
  "i'm",
  'q&a',
  '100k',
  '3 years',
  'a  b',
  ': ',
  ':',
  ' #',
  '#',
  '"',
  "'",
  '\\',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a',
  '*a',
  '!',
  '!!str',
  '|',
  '>',
  '%',
  '@',
  '`',
  '-',
  '- ',
  '? ',
  '?',
  '.',
  '.inf',
  '.NaN',
  '+1',
  '1',
  '1.5',
  '1e3',
  '0x1f',
  '0o17',
  '1_000',
  '12:30',
  '2024-01-31',
  'true',
  'False',
  'null',
  'NULL',
  '~',
  'yes',
  'off',
  ' ',
  '\t',
  '\r',
  'é',
  'résumé',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'https://example.com/a#b',
  '[]',
  '{}',
];
const WORDS = ['what', 'is', 'an', 'api', 'backend', 'salary', 'in', 'india', 'node.js'];
const scalarText = fc
  .array(fc.oneof({ arbitrary: fc.constantFrom(...WORDS), weight: 4 }, { arbitrary: fc.constantFrom(...ATOMS), weight: 1 }), {
    minLength: 0,
    maxLength: 4,
  })
  .map((parts) => parts.join(' '));
const quoted = fc.oneof(
  scalarText,
  scalarText.map((s) => `"${s}"`),
  scalarText.map((s) => `'${s}'`),
);
const key = fc.constantFrom(
  'title',
  'questions',
  'keywords',
  'related',
  'sources',
  'draft',
  'url',
  'null',
  'Title',
  'x y',
  'a:b',
);
const indent = fc.constantFrom('', ' ', '  ', '    ');
const item = fc.oneof(
  { arbitrary: quoted.map((v) => `  - ${v}`), weight: 6 },
  { arbitrary: fc.tuple(quoted, quoted).map(([t, u]) => `  - title: ${t}\n    url: ${u}`), weight: 1 },
);
// A folded paragraph (`key: >-`), its lines indented alike or not.
const folded = fc
  .tuple(key, fc.array(fc.tuple(fc.constantFrom(' ', '  ', '  ', '    '), scalarText), { minLength: 0, maxLength: 3 }))
  .map(([k, lines]) => [`${k}: >-`, ...lines.map(([i, text]) => `${i}${text}`)].join('\n'));
const line = fc.oneof(
  { arbitrary: item, weight: 12 },
  { arbitrary: folded, weight: 2 },
  fc.tuple(key, quoted).map(([k, v]) => `${k}: ${v}`),
  key.map((k) => `${k}:`),
  fc.tuple(indent, quoted).map(([i, v]) => `${i}- ${v}`),
  fc.tuple(indent, key, quoted).map(([i, k, v]) => `${i}- ${k}: ${v}`),
  fc.tuple(indent, key, quoted).map(([i, k, v]) => `${i}  ${k}: ${v}`),
  fc.tuple(indent, scalarText).map(([i, v]) => `${i}${v}`),
  fc.constantFrom('', 'draft: true', 'draft: false', 'keywords: []', '# a comment', '---', '...'),
);
// Mostly well-formed documents (a title and lists), with noise lines mixed in.
const document = fc
  .tuple(
    quoted,
    fc.array(fc.tuple(fc.constantFrom('questions', 'keywords', 'sources', 'related'), fc.array(line, { maxLength: 5 }))),
    fc.array(line, { maxLength: 3 }),
  )
  .map(([title, blocks, tail]) =>
    [`title: ${title}`, ...blocks.flatMap(([name, lines]) => [`${name}:`, ...lines]), ...tail].join('\n'),
  );

describe('parseSimpleFrontmatter', () => {
  it('reads every topic file and identity file of the career knowledge and the fixtures, as the YAML library does', () => {
    const files = [
      ...frontmatterOf(path.join(root, 'knowledge')),
      ...frontmatterOf(path.join(root, 'tests/fixtures/bank')),
      ...['knowledge/bot.yaml', 'tests/fixtures/bank/bot.yaml'].map((file): [string, string] => [
        file,
        readFileSync(path.join(root, file), 'utf8'),
      ]),
    ];
    expect(files.length).toBeGreaterThan(30);
    for (const [name, text] of files) {
      expect(parseSimpleFrontmatter(text), name).toEqual(viaLibrary(text).value);
    }
  });

  it('returns what the YAML library returns, or null, on generated frontmatter', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, (text) => {
        const fast = parseSimpleFrontmatter(text);
        if (fast === null) return;
        accepted++;
        const library = viaLibrary(text);
        expect(library.errors, text).toBe(0);
        expect(fast, text).toStrictEqual(library.value);
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(150); // the property says something about the fast path
  });

  it.each([
    ['comments between keys', '# the topic\ntitle: x\n# note\nquestions:\n  - a\n# end'],
    ['a folded paragraph', 'about: >-\n  questions about\n  backend roles: skills, # and pay\ntitle: x'],
    ['a folded paragraph at the end', 'title: x\nabout: >-\n    one line\n\n'],
  ])('reads %s as the YAML library does', (_, text) => {
    const fast = parseSimpleFrontmatter(text);
    expect(fast).not.toBeNull();
    expect(fast).toStrictEqual(viaLibrary(text).value);
  });

  it.each([
    ['a comment inside a list', 'questions:\n  - a\n# note\n  - b'],
    ['an indented comment', 'title: x\n  # note'],
    ['a folded paragraph with a blank line', 'about: >-\n  one\n\n  two'],
    ['a folded paragraph with a more indented line', 'about: >-\n  one\n    two'],
    ['a folded paragraph that keeps its newline', 'about: >\n  one'],
    ['an empty folded paragraph', 'about: >-\ntitle: x'],
    ['a number', 'title: 2024'],
    ['a float-looking word', 'title: .inf'],
    ['null', 'title: ~'],
    ['a colon and space inside', 'title: sql: a backend language?'],
    ['a trailing comment', 'title: apis # for now'],
    ['an escape', 'title: "tab\\there"'],
    ['a continued line', 'questions:\n  - a long\n    question'],
    ['a repeated key', 'title: a\ntitle: b'],
    ['a key alone', 'title: a\nkeywords:'],
    ['a tab', 'title:\ta'],
    ['mixed list indentation', 'questions:\n  - a\n - b'],
    ['a flow map', 'sources: {}'],
  ])('leaves %s to the YAML library', (_, text) => {
    expect(parseSimpleFrontmatter(text)).toBeNull();
  });
});
