import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';

// docs/topics.md shows some glossary terms per topic; they must be the knowledge's own, so the guide
// never shows a term the matcher does not know.
const root = path.resolve(import.meta.dirname, '../..');

describe('the glossary shown in docs/topics.md', () => {
  it('lists only terms that the topic files carry', async () => {
    const { knowledge } = await loadKnowledge(path.join(root, 'knowledge'));
    const doc = readFileSync(path.join(root, 'docs/topics.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The glossary'));
    const rows = [...section.matchAll(/^\| ([a-z0-9-]+) \| (.+) \|$/gm)].filter(([, id]) => id !== 'id');
    expect(rows.length).toBeGreaterThan(0);
    const unknown: string[] = [];
    for (const [, id, terms] of rows) {
      const topic = knowledge.byId.get(id!);
      for (const term of terms!.split(',').map((t) => t.trim())) {
        if (!topic?.terms.includes(term)) unknown.push(`${id}: ${term}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
