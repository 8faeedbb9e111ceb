import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHelp } from '../../adapters/discord/render.js';
import { renderHome } from '../../adapters/slack/render.js';
import { CareerBot } from '../../src/bot.js';
import { checkKnowledge, formatProblem, loadKnowledge } from '../../src/knowledge/load.js';
import type { InfoReply } from '../../src/reply.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BANK = path.join(ROOT, 'tests', 'fixtures', 'bank');

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** A copy of the bank fixture, with `bot.yaml` replaced (or removed, with `null`). */
async function bankWith(identity: string | null): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'careerbot-identity-'));
  roots.push(dir);
  await cp(BANK, dir, { recursive: true });
  if (identity === null) await rm(path.join(dir, 'bot.yaml'));
  else await writeFile(path.join(dir, 'bot.yaml'), identity, 'utf8');
  return dir;
}

async function bot(dir: string): Promise<CareerBot> {
  return new CareerBot((await loadKnowledge(dir)).knowledge, { rateLimitPerMinute: 0 });
}

function info(bot: CareerBot, question: string): InfoReply {
  const { reply } = bot.ask(question);
  if (reply.kind === 'answer' || reply.kind === 'clarify') throw new Error(`"${question}" was answered: ${reply.kind}`);
  return reply;
}

// The command names (/career) are the app's own; the texts around them must not be career text.
const CAREER = /backend|salar|\bSQL\b|developer|becoming/i;

describe('a community identity (bot.yaml)', () => {
  it('the bank speaks about the bank in its greeting, help, goodbye and fallback', async () => {
    const bank = await bot(BANK);
    expect(info(bank, 'hi').text).toBe('Hello and welcome to Northbank! Ask me about your account, cards or transfers.');
    expect(info(bank, 'help').text).toContain('like "how do I freeze my card?"');
    expect(info(bank, 'bye').text).toBe('Goodbye from Northbank, and thank you for banking with us.');
    const fallback = info(bank, 'who won the football world cup in 1998');
    expect(fallback.kind).toBe('fallback');
    expect(fallback.text).toContain('questions about your Northbank account, cards and transfers');
    // The featured topics, in the identity's order: not a spread over the list.
    expect(fallback.topics.map((topic) => topic.id)).toEqual(['freeze-card', 'transfer-limits']);
    for (const question of ['hi', 'help', 'bye', 'thanks', 'who won the football world cup in 1998']) {
      expect(info(bank, question).text, question).not.toMatch(CAREER);
    }
  });

  it('Slack App Home and the Discord help embed carry the bank name and about', async () => {
    const bank = await bot(BANK);
    const home = renderHome(info(bank, ''), bank.identity.name);
    expect(JSON.stringify(home.blocks[0])).toContain('Northbank help');
    expect(JSON.stringify(home)).not.toMatch(CAREER);
    const help = renderHelp({ topicCount: 3, moderators: 'moderators', identity: bank.identity });
    const embed = help.embeds?.[0] as { title?: string; description?: string };
    expect(embed.title).toBe('Northbank help');
    expect(embed.description).toContain('your Northbank account, cards and transfers');
    expect(embed.description).not.toMatch(CAREER);
  });

  it('without bot.yaml the bot speaks neutrally about its own topics, never career text', async () => {
    const dir = await bankWith(null);
    const neutral = await bot(dir);
    const fallback = info(neutral, 'who won the football world cup in 1998');
    expect(fallback.text).toContain('I answer questions about Freezing a lost card, Branch opening hours and Transfer limits.');
    expect(info(neutral, 'hi').text).toContain('questions about Freezing a lost card');
    // The help quotes sample questions of the directory's own topics.
    expect(info(neutral, 'help').text).toMatch(/^Ask me a question in your own words, like "/);
    for (const question of ['hi', 'help', 'bye', 'thanks', 'who won the football world cup in 1998']) {
      expect(info(neutral, question).text, question).not.toMatch(CAREER);
    }
  });

  it('the shipped knowledge keeps its career texts, from its own bot.yaml', async () => {
    const career = await bot(path.join(ROOT, 'knowledge'));
    expect(info(career, 'hi').text).toMatch(/becoming a backend developer/);
    expect(career.identity.featured.length).toBeGreaterThan(0);
  });

  it('check names the file and field of every identity problem', async () => {
    const dir = await bankWith('name: ""\nfeatured:\n  - freeze-card\n  - no-such-topic\ngreting: Hello\nexamples: not a list\n');
    const result = await checkKnowledge(dir);
    expect(result.knowledge).toBeNull();
    const lines = result.problems.map(formatProblem);
    expect(lines).toEqual(
      expect.arrayContaining([
        'error: bot.yaml: name: must not be empty',
        'error: bot.yaml: examples: must be a list of strings',
        'error: bot.yaml: file: unknown field(s): greting',
      ]),
    );
    // Schema errors stop at the schema: featured ids are checked once the file parses.
    const featured = await checkKnowledge(await bankWith('featured:\n  - freeze-card\n  - no-such-topic\n'));
    expect(featured.problems.map(formatProblem)).toEqual(['error: bot.yaml: featured[1]: unknown topic id "no-such-topic"']);
  });

  it('a YAML error names its line', async () => {
    const result = await checkKnowledge(await bankWith('name: Northbank\nabout: [unclosed\n'));
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0]!)).toMatch(/^error: bot\.yaml: file: YAML error.*: Flow sequence/);
  });
});

describe('src/ holds no career words', () => {
  // User-facing career texts live in knowledge/bot.yaml. Comments may use career examples; code may
  // not. src/text/ and src/matcher/off-topic.ts are left out: their language rules (abbreviations
  // such as "sal" -> "salary"; the shapes of questions about other professions, which apply only
  // when the knowledge has a core word of its own) are matcher data, not texts the bot says.
  const WORDS = /\bbackend\b|\bsalar(?:y|ies)\b|\bSQL\b|\bcareer\b|\bdeveloper\b/;

  it('no source file under src/ (outside its language rules) names the career domain', async () => {
    const files = (await readdir(path.join(ROOT, 'src'), { recursive: true }))
      .filter(
        (file) => file.endsWith('.ts') && !file.startsWith(`text${path.sep}`) && file !== path.join('matcher', 'off-topic.ts'),
      )
      .sort();
    expect(files.length).toBeGreaterThan(10);
    const hits: string[] = [];
    for (const file of files) {
      const lines = (await readFile(path.join(ROOT, 'src', file), 'utf8')).split('\n');
      lines.forEach((line, i) => {
        const code = line.trim();
        if (code.startsWith('*') || code.startsWith('/*') || code.startsWith('//')) return;
        if (WORDS.test(code.replace(/\/\/.*$|\/\*.*$/, ''))) hits.push(`src/${file}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });
});
