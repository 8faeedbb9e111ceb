import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../app/cli/main.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { appendQuestions } from '../../src/store/export.js';
import { DATABASE_FILE, type SqliteStore } from '../../src/store/sqlite.js';
import { withSqliteStore } from '../support/store.js';

/** `careerbot report` and `careerbot learned list|remove|export`, on temporary data and a temporary copy of knowledge/. */

let work: string;
let dataDir: string;
let knowledgeDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'careerbot-cli-data-'));
  dataDir = path.join(work, 'data');
  knowledgeDir = path.join(work, 'knowledge');
  await cp(path.join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = text(stdout);
  const err = text(stderr);
  const status = await runCli([...args, '--knowledge', knowledgeDir], {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: { DATA_DIR: dataDir },
  });
  stdout.end();
  stderr.end();
  return { status, stdout: await out, stderr: await err };
}

/** Fill the store as the adapters would, then close it (the CLI opens its own). */
async function seed(fill: (store: SqliteStore) => Promise<unknown>): Promise<void> {
  await withSqliteStore(dataDir, fill);
}

const learn = (topicId: string, text: string) => (store: SqliteStore) =>
  store.recordModeratorLink({ topicId, moderatorId: 'UMOD', platform: 'slack', text, learn: true });

describe('careerbot report', () => {
  it('prints grouped unanswered questions, feedback per topic and the most asked topics, with titles', async () => {
    await seed(async (store) => {
      await store.recordQuestion({
        text: 'how do i become a game developer',
        outcome: 'fallback',
        platform: 'slack',
        channelId: 'C1',
      });
      await store.recordQuestion({
        text: 'How do I become a game developer?',
        outcome: 'fallback',
        platform: 'discord',
        channelId: '9',
      });
      await store.recordQuestion({ text: 'which one is faster', outcome: 'clarify', platform: 'slack', channelId: 'C1' });
      await store.recordFeedback({ topicId: 'databases', vote: 'up', platform: 'slack' });
      await store.recordFeedback({ topicId: 'databases', vote: 'down', platform: 'discord' });
      await store.recordAnswered('salary-india');
      await store.recordAnswered('salary-india');
      await store.recordAnswered('apis');
    });
    const { status, stdout } = await cli('report', '--days', '7');
    expect(status).toBe(0);
    expect(stdout).toContain('Career FAQ report: last 7 days');
    expect(stdout).toContain('3 answered, 1 clarified ("Did you mean"), 2 not answered; feedback 1 up, 1 down');
    expect(stdout).toMatch(/1\. 2x {2}"(how do i|How do I) become a game developer\??"/);
    expect(stdout).toMatch(/also: "(how do i|How do I) become a game developer\??"/);
    expect(stdout).toMatch(/2\. 1x {2}"which one is faster" +\(1 clarified, 0 not answered/);
    expect(stdout).toContain('+1 -1  Databases and data modelling (databases)');
    const topics = stdout.slice(stdout.indexOf('Most asked topics'));
    expect(topics.indexOf('(salary-india)')).toBeLessThan(topics.indexOf('(apis)'));
    expect(topics).toMatch(/ {4}2 {2}.+\(salary-india\)/);
  });

  it('--json prints the report structure; a bad --days is a usage error (exit 2)', async () => {
    await mkdir(dataDir); // an existing, empty data directory: an empty report
    const json = await cli('report', '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ days: 30, questions: [], feedback: [], topics: [] });
    const bad = await cli('report', '--days', 'soon');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--days must be a whole number/);
  });

  it('a corrupt database stops the command with an error naming the file', async () => {
    await seed(async () => {});
    await writeFile(path.join(dataDir, DATABASE_FILE), 'garbage '.repeat(1000));
    const { status, stderr } = await cli('report');
    expect(status).toBe(1);
    expect(stderr).toContain(path.join(dataDir, DATABASE_FILE));
    expect(stderr).toMatch(/corrupt/);
  });

  it('--data DIR wins over DATA_DIR', async () => {
    const other = path.join(work, 'other');
    await mkdir(other);
    const { status, stdout } = await cli('learned', 'list', '--data', other);
    expect(status).toBe(0);
    expect(stdout).toContain(path.join(other, DATABASE_FILE));
  });
});

describe('careerbot learned list and remove', () => {
  it('lists learned phrasings with their numbers, and removes one by number', async () => {
    await seed(async (store) => {
      await learn('databases', 'postgres vs the other one, which first?')(store);
      await learn('apis', 'how do two programs talk over the web')(store);
    });
    const list = await cli('learned', 'list');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^ {3}1 {2}databases +"postgres vs the other one, which first\?"/m);
    expect(list.stdout).toMatch(/^ {3}2 {2}apis +"how do two programs talk over the web"/m);
    const removed = await cli('learned', 'remove', '1');
    expect(removed.status).toBe(0);
    expect((await cli('learned', 'list')).stdout).not.toContain('postgres vs the other one');
    const missing = await cli('learned', 'remove', '1');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no learned phrasing number 1');
    expect((await cli('learned', 'remove', 'one')).status).toBe(2);
    expect((await cli('learned', 'forget')).status).toBe(2);
  });

  it('says so when nothing was learned', async () => {
    await mkdir(dataDir);
    const { status, stdout } = await cli('learned', 'list');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^No learned phrasings in .*careerbot\.db\.$/m);
  });
});

describe('careerbot learned export', () => {
  const NEW_DATABASES = 'Postgres or "Mongo": which first? #newbie';
  const NEW_APIS = '- how do two programs talk over the web';

  it("writes new phrasings into the topics' questions, keeps the rest of each file, and the result passes careerbot check", async () => {
    const databases = await loadKnowledge(knowledgeDir).then(({ knowledge }) => knowledge.byId.get('databases')!);
    const otherTopicQuestion = (await loadKnowledge(knowledgeDir)).knowledge.byId.get('salary-india')!.questions[0]!;
    await seed(async (store) => {
      await learn('databases', NEW_DATABASES)(store); // 1: exported
      await learn('databases', databases.questions[1]!.toUpperCase())(store); // 2: already a sample question
      await learn('databases', otherTopicQuestion)(store); // 3: another topic's question: kept
      await learn('no-such-topic', 'a topic that was removed')(store); // 4: kept
      await learn('apis', NEW_APIS)(store); // 5: exported
    });
    const before = {
      databases: await readFile(path.join(knowledgeDir, 'databases.md'), 'utf8'),
      apis: await readFile(path.join(knowledgeDir, 'apis.md'), 'utf8'),
    };

    const { status, stdout } = await cli('learned', 'export');
    expect(status).toBe(0);
    expect(stdout).toContain(`exported  databases.md: "${NEW_DATABASES}"`);
    expect(stdout).toContain(`exported  apis.md: "${NEW_APIS}"`);
    expect(stdout).toMatch(/already +databases:/);
    expect(stdout).toMatch(/kept +3 .*is a sample question of salary-india/);
    expect(stdout).toMatch(/kept +4 .*no-such-topic no longer exists/);
    expect(stdout).toContain('2 phrasing(s) written into 2 file(s)');

    // careerbot check accepts the result, and the loader sees the new questions at the end of each list.
    const check = await cli('check');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/0 error\(s\)/);
    const { knowledge } = await loadKnowledge(knowledgeDir);
    expect(knowledge.byId.get('databases')!.questions).toEqual([...databases.questions, NEW_DATABASES]);
    expect(knowledge.byId.get('apis')!.questions.at(-1)).toBe(NEW_APIS);

    // Only the questions list grew: every other line is as it was.
    for (const [name, original] of Object.entries(before)) {
      const after = await readFile(path.join(knowledgeDir, `${name}.md`), 'utf8');
      const originalLines = original.split('\n');
      const added = after.split('\n').filter((line) => !originalLines.includes(line));
      expect(added).toHaveLength(1);
      expect(after.split('\n').filter((line) => !added.includes(line))).toEqual(originalLines);
    }

    // Exported and redundant phrasings left the learned table; the two that need a moderator stayed.
    const list = await cli('learned', 'list');
    expect(list.stdout).toMatch(/^ {3}3 /m);
    expect(list.stdout).toMatch(/^ {3}4 /m);
    expect(list.stdout).not.toMatch(/^ {3}[125] /m);

    // Exporting again changes nothing.
    const again = await cli('learned', 'export');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('0 phrasing(s) written into 0 file(s)');
    expect(await readFile(path.join(knowledgeDir, 'databases.md'), 'utf8')).toContain('#newbie');
  });

  it('refuses to export into knowledge that does not pass careerbot check, changing nothing', async () => {
    await seed(learn('databases', NEW_DATABASES));
    await writeFile(path.join(knowledgeDir, 'broken.md'), '---\ntitle: [unclosed\n---\nbody\n');
    const { status, stderr } = await cli('learned', 'export');
    expect(status).toBe(1);
    expect(stderr).toMatch(/fix them before exporting/);
    expect(await readFile(path.join(knowledgeDir, 'databases.md'), 'utf8')).not.toContain('#newbie');
    expect((await cli('learned', 'list')).stdout).toContain('#newbie');
  });

  it('appendQuestions keeps flow lists flow, quotes what YAML needs quoted, and keeps comments', () => {
    const source = '---\ntitle: T\n# the phrasings\nquestions: [one, two]\nkeywords: [k]\n---\nBody with: colons\n';
    expect(appendQuestions(source, ['three: four', 'yes'], 't.md')).toBe(
      '---\ntitle: T\n# the phrasings\nquestions: [one, two, "three: four", yes]\nkeywords: [k]\n---\nBody with: colons\n',
    );
  });
});
