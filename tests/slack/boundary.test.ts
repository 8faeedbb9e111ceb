import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';

/** The core stays platform-free: Slack's SDK is imported only under adapters/slack/. */

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

describe('boundary', () => {
  it('no file in src/ imports @slack/*', async () => {
    const offenders: string[] = [];
    for (const file of await sources(path.join(PROJECT_ROOT, 'src'))) {
      if (/from\s+['"]@slack\//.test(await readFile(file, 'utf8'))) offenders.push(path.relative(PROJECT_ROOT, file));
    }
    expect(offenders).toEqual([]);
  });

  it('the Slack adapter reaches the core only through its public modules, never the matcher internals', async () => {
    const offenders: string[] = [];
    for (const file of await sources(path.join(PROJECT_ROOT, 'adapters/slack'))) {
      if (/from\s+['"](\.\.\/)+src\/(matcher|text|knowledge)\//.test(await readFile(file, 'utf8')))
        offenders.push(path.relative(PROJECT_ROOT, file));
    }
    expect(offenders).toEqual([]);
  });
});
