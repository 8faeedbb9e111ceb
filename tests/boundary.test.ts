import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers (docs/architecture.md), read from the syntax tree of every source file:
 * - the core (`src/`) knows no chat platform: it imports no platform SDK, no adapter, no app code;
 * - an adapter (`adapters/<platform>/`) imports the core and `adapters/shared/`, never the app or
 *   another platform's adapter;
 * - the app (`app/`) is the composition root: the only layer that may import every other;
 * - nothing but tests imports `tests/`.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const ADAPTERS = path.join(ROOT, 'adapters');
const APP = path.join(ROOT, 'app');
const TESTS = path.join(ROOT, 'tests');
const PLATFORM_ADAPTERS = [path.join(ROOT, 'adapters', 'slack'), path.join(ROOT, 'adapters', 'discord')];
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;

/** True when `specifier` names a chat platform SDK package (or a file inside one). */
function isPlatformSdk(specifier: string): boolean {
  return (
    ['@slack/bolt', '@slack/web-api', '@slack/socket-mode', 'discord.js'].some(
      (sdk) => specifier === sdk || specifier.startsWith(`${sdk}/`),
    ) || specifier.startsWith('@discordjs/')
  );
}

interface ModuleReference {
  specifier: string;
  /** static: import/export ... from, import x = require(), import('x') types; dynamic: import(); require: require(). */
  kind: 'static' | 'dynamic' | 'require';
  line: number;
}

/** Every module a source file refers to, and every string literal in it, read from its syntax tree. */
function scan(fileName: string, source: string): { references: ModuleReference[]; strings: string[] } {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const references: ModuleReference[] = [];
  const strings: string[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined, kind: ModuleReference['kind']) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      references.push({ specifier: specifier.text, kind, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, 'static');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, 'static');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal, 'static');
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], 'dynamic');
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, node.arguments[0], 'require');
    }
    if (ts.isStringLiteralLike(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return { references, strings };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(dir, relative))
    .filter((file) => SOURCE_FILE.test(file) && statSync(file).isFile())
    .sort();
}

/** The file a relative specifier points at (`./x.js` is `./x.ts` in the sources), or null. */
function resolveRelative(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const target = path.resolve(path.dirname(from), specifier);
  const candidates = [
    target,
    target.replace(/\.js$/, '.ts'),
    target.replace(/\.mjs$/, '.mts'),
    target.replace(/\.cjs$/, '.cts'),
    target.replace(/\.jsx$/, '.tsx'),
    `${target}.ts`,
    path.join(target, 'index.ts'),
  ];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

function isUnder(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

const display = (file: string) => path.relative(ROOT, file);

const srcFiles = sourceFiles(SRC);
const scanned = new Map(srcFiles.map((file) => [file, scan(file, readFileSync(file, 'utf8'))]));

describe('the import scanner', () => {
  // The boundary tests below are only as good as the scanner: check it finds every form of import.
  it.each<[string, string, string[]]>([
    ['a static import', "import { App } from '@slack/bolt';", ['static @slack/bolt']],
    ['a type-only import', "import type { Client } from 'discord.js';", ['static discord.js']],
    ['a side-effect import', "import '@slack/socket-mode';", ['static @slack/socket-mode']],
    ['a re-export', "export { WebClient } from '@slack/web-api';", ['static @slack/web-api']],
    ['an export star', "export * from '@discordjs/rest';", ['static @discordjs/rest']],
    ['a multi-line import', "import {\n  REST,\n  Routes,\n} from '@discordjs/rest';", ['static @discordjs/rest']],
    ['an import type expression', "let client: import('discord.js').Client;", ['static discord.js']],
    ['import = require', "import bolt = require('@slack/bolt');", ['static @slack/bolt']],
    ['a dynamic import', "const { App } = await import('@slack/bolt');", ['dynamic @slack/bolt']],
    ['a template-literal dynamic import', 'await import(`discord.js`);', ['dynamic discord.js']],
    ['require', "const discord = require('discord.js');", ['require discord.js']],
    ['a deep import', "import x from '@slack/bolt/dist/App.js';", ['static @slack/bolt/dist/App.js']],
    ['a comment', "// import { App } from '@slack/bolt';\n/* await import('discord.js') */", []],
    ['a lookalike package', "import x from 'discord.js-commando-lookalike';", ['static discord.js-commando-lookalike']],
  ])('finds %s', (_what, source, expected) => {
    const { references } = scan('example.ts', source);
    expect(references.map((reference) => `${reference.kind} ${reference.specifier}`)).toEqual(expected);
  });

  it.each([
    ['@slack/bolt', true],
    ['@slack/web-api', true],
    ['@slack/socket-mode', true],
    ['@slack/bolt/dist/App.js', true],
    ['discord.js', true],
    ['@discordjs/rest', true],
    ['@discordjs/builders', true],
    ['discord.js-commando-lookalike', false],
    ['@slack/types-not-an-sdk-we-list', false],
    ['pino', false],
    ['./discord.js', false],
  ])('isPlatformSdk(%j) is %s', (specifier, expected) => {
    expect(isPlatformSdk(specifier)).toBe(expected);
  });
});

describe('the core boundary', () => {
  it('scans the real sources', () => {
    expect(srcFiles.map(display)).toEqual(
      expect.arrayContaining([
        path.join('src', 'bot.ts'),
        path.join('src', 'config.ts'),
        path.join('src', 'ports.ts'),
        path.join('src', 'knowledge', 'load.ts'),
      ]),
    );
  });

  it('no file under src/ imports a chat platform SDK, statically, dynamically or by require', () => {
    const offenders = [...scanned].flatMap(([file, { references }]) =>
      references
        .filter((reference) => isPlatformSdk(reference.specifier))
        .map((reference) => `${display(file)}:${reference.line}: ${reference.kind} import of ${reference.specifier}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no file under src/ names a chat platform SDK package in a string (an import through a variable)', () => {
    const offenders = [...scanned].flatMap(([file, { strings }]) =>
      strings.filter(isPlatformSdk).map((value) => `${display(file)}: "${value}"`),
    );
    expect(offenders).toEqual([]);
  });

  it('nothing src/ loads, in any way, is outside src/ (no adapter, no app, no tests)', () => {
    const offenders = [...scanned].flatMap(([file, { references }]) =>
      references.flatMap((reference) => {
        const target = resolveRelative(file, reference.specifier);
        return target && !isUnder(target, SRC)
          ? [`${display(file)}:${reference.line}: ${reference.kind} import of ${display(target)}`]
          : [];
      }),
    );
    expect(offenders).toEqual([]);
  });
});

/** Every relative import in the repository's own code, with the file it resolves to. */
const allFiles = ['src', 'adapters', 'app', 'scripts', 'bin', 'tests'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
const edges = allFiles.flatMap((file) => {
  const { references } = scanned.get(file) ?? scan(file, readFileSync(file, 'utf8'));
  return references.flatMap((reference) => {
    const target = resolveRelative(file, reference.specifier);
    return target ? [{ from: file, to: target, line: reference.line }] : [];
  });
});

function violations(from: (file: string) => boolean, to: (file: string) => boolean): string[] {
  return edges
    .filter((edge) => from(edge.from) && to(edge.to))
    .map((edge) => `${display(edge.from)}:${edge.line} imports ${display(edge.to)}`);
}

const under = (dir: string) => (file: string) => isUnder(file, dir);

describe('the layer rules', () => {
  it('sees imports between the layers (the rules below are not vacuous)', () => {
    expect(violations(under(APP), under(SRC)).length).toBeGreaterThan(0);
    expect(violations(under(APP), under(ADAPTERS)).length).toBeGreaterThan(0);
    expect(violations(under(ADAPTERS), under(SRC)).length).toBeGreaterThan(0);
  });

  it('adapters import no app code', () => {
    expect(violations(under(ADAPTERS), under(APP))).toEqual([]);
  });

  it('a platform adapter imports no other platform adapter (what they share lives in adapters/shared/)', () => {
    const platformOf = (file: string) => PLATFORM_ADAPTERS.find((dir) => isUnder(file, dir));
    const offenders = edges
      .filter((edge) => {
        const from = platformOf(edge.from);
        const to = platformOf(edge.to);
        return from !== undefined && to !== undefined && from !== to;
      })
      .map((edge) => `${display(edge.from)}:${edge.line} imports ${display(edge.to)}`);
    expect(offenders).toEqual([]);
  });

  it('adapters reach the core only through its public modules, never the matcher, text or knowledge internals', () => {
    const internals = ['matcher', 'text', 'knowledge'].map((dir) => path.join(SRC, dir));
    expect(violations(under(ADAPTERS), (file) => internals.some((dir) => isUnder(file, dir)))).toEqual([]);
  });

  it('no import cycle, counting type-only imports (the linter skips those)', () => {
    const next = new Map<string, string[]>();
    for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      state.set(file, 'open');
      for (const target of next.get(file) ?? []) {
        if (state.get(target) === 'open') cycles.push([...trail.slice(trail.indexOf(target)), target].map(display).join(' -> '));
        else if (!state.has(target)) visit(target, [...trail, target]);
      }
      state.set(file, 'done');
    };
    for (const file of allFiles) if (!state.has(file)) visit(file, [file]);
    expect(cycles).toEqual([]);
  });

  it('nothing outside tests/ imports from tests/', () => {
    expect(violations((file) => !isUnder(file, TESTS), under(TESTS))).toEqual([]);
  });
});
