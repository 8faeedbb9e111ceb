import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

/**
 * The store interface is the seam for another store (docs/store.md): it is types only, and only
 * the SQLite implementation and the places that choose it (npm start, the CLI) know about SQLite.
 */

function sources(dir: string): string[] {
  return readdirSync(path.join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(PROJECT_ROOT, path.join(entry.parentPath, entry.name)));
}

describe('the store boundary', () => {
  it('src/store/store.ts declares types and imports nothing', () => {
    const source = readFileSync(path.join(PROJECT_ROOT, 'src/store/store.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
    expect(source).not.toMatch(/^export (const|function|class|let|var)\b/m);
  });

  it('only the SQLite store imports better-sqlite3, and only start and the CLI open it', () => {
    const files = [...sources('src'), ...sources('adapters'), ...sources('app')];
    const driver = files.filter((file) => /from 'better-sqlite3'/.test(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')));
    expect(driver).toEqual(['src/store/sqlite.ts']);
    const openers = files.filter((file) => /store\/sqlite\.js'/.test(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')));
    expect(openers.sort()).toEqual(['app/cli/data-commands.ts', 'app/start.ts']);
  });
});
