import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * The store interfaces are the seam between the bot and its stores (docs/store.md): they are types
 * only; each driver is imported by its store alone, only open.ts chooses a store, and only the places
 * that open one (npm start, the CLI) call it.
 */

function sources(dir: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)));
}

describe('the store boundary', () => {
  it.each(['src/store/store.ts', 'src/store/shared.ts'])('%s declares types and imports nothing', (file) => {
    const source = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).not.toMatch(/^export (const|function|class|let|var)\b/m);
  });

  it('each driver is imported by its store only, only open.ts picks a store, and only start and the CLI open one', () => {
    const files = [...sources('src'), ...sources('adapters'), ...sources('app')];
    const importing = (pattern: RegExp) =>
      files.filter((file) => pattern.test(readFileSync(path.join(PROJECT_ROOT, file), 'utf8'))).sort();
    expect(importing(/from 'better-sqlite3'/)).toEqual(['src/store/sqlite.ts']);
    expect(importing(/from 'pg'/)).toEqual(['src/store/postgres.ts']);
    expect(importing(/store\/(sqlite|postgres)\.js'|from '\.\/(sqlite|postgres)\.js'/)).toEqual(['src/store/open.ts']);
    expect(importing(/store\/open\.js'/)).toEqual(['app/cli/commands/store.ts', 'app/start.ts']);
  });
});
