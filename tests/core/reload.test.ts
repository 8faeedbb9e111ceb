import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CareerBot } from '../../src/bot.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { watchKnowledge, type KnowledgeWatcher } from '../../src/knowledge/watch.js';
import { memoryLogger as inMemoryLogger, type LogLine } from '../support/logs.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let lines: LogLine[];
let watcher: KnowledgeWatcher | undefined;

function memoryLogger() {
  const memory = inMemoryLogger('info');
  lines = memory.lines;
  return memory.logger;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'careerbot-reload-'));
  await cp(path.join(root, 'knowledge'), dir, { recursive: true });
});

afterEach(async () => {
  watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('hot reload of the knowledge directory', () => {
  it('picks up an edited answer without a restart and logs a summary line', async () => {
    const { knowledge } = await loadKnowledge(dir);
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    watcher = watchKnowledge({ dir, bot, logger: memoryLogger(), debounceMs: 50 });
    const file = path.join(dir, 'sql-backend-language.md');
    const source = await readFile(file, 'utf8');
    const reloaded = watcher.nextReload();
    await writeFile(file, source.replace(/\n---\n/, '\n---\nFreshly edited answer.\n\n'));
    expect(await reloaded).toBe('reloaded');
    expect(bot.topic('sql-backend-language')?.body).toContain('Freshly edited answer.');
    const summary = lines.find((line) => line.msg === 'knowledge reloaded');
    expect(summary).toMatchObject({ topics: knowledge.topics.length });
    expect(summary?.phrasings).toBeGreaterThan(100);
    expect(summary?.ms).toBeTypeOf('number');
  });

  it('refuses an invalid change, logs file and field, and keeps answering with the previous knowledge', async () => {
    const { knowledge } = await loadKnowledge(dir);
    const bot = new CareerBot(knowledge, { rateLimitPerMinute: 0 });
    const before = bot.ask('is sql a backend language?').reply;
    watcher = watchKnowledge({ dir, bot, logger: memoryLogger(), debounceMs: 50 });
    const refused = watcher.nextReload();
    await writeFile(path.join(dir, 'broken.md'), '---\ntitle: Broken\nquestions: []\n---\n');
    expect(await refused).toBe('refused');
    const error = lines.find((line) => String(line.msg).startsWith('knowledge change refused'));
    expect(JSON.stringify(error?.errors)).toContain('broken.md: questions');
    expect(bot.knowledge).toBe(knowledge);
    expect(bot.ask('is sql a backend language?').reply).toEqual(before);
  });
});
