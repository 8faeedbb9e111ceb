import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository's own text files hold no leftover merge-conflict markers. A merge once committed
 * `<<<<<<< HEAD` / `>>>>>>> branch` into docs/matcher.md, where neither prettier nor tsc looks at
 * Markdown content; the knowledge files are Markdown too, and a marker there would reach users.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'data', 'dist', 'coverage', '.eval', '.scratch']);
const TEXT = /\.(?:[cm]?[jt]s|md|json|jsonl|ya?ml|txt|tsv|csv|sh)$/;
const MARKER = /^(?:<{7}|>{7})(?: |$)/;

function textFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) textFiles(file, out);
    else if (entry.isFile() && TEXT.test(entry.name)) out.push(file);
  }
  return out;
}

/** `file:line` of every line that opens or closes a conflict block. */
function conflictMarkers(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (MARKER.test(line)) found.push(`${path.relative(ROOT, file)}:${i + 1}`);
      });
  }
  return found;
}

describe('repository hygiene', () => {
  it('finds a conflict marker where there is one', () => {
    expect(MARKER.test('<<<<<<< HEAD')).toBe(true);
    expect(MARKER.test('>>>>>>> coldstart')).toBe(true);
    expect(MARKER.test('<<<<<<<')).toBe(true);
    expect(MARKER.test('<< not a marker')).toBe(false);
    expect(MARKER.test('> >>>>>>> quoted')).toBe(false);
  });

  it('has no merge-conflict markers in its text files', () => {
    const files = textFiles(ROOT);
    expect(files.length).toBeGreaterThan(50);
    expect(conflictMarkers(files)).toEqual([]);
  });
});
