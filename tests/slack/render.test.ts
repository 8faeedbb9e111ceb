import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLinkTarget, decodeShareValue, encodeLinkTarget, encodeShareValue } from '../../adapters/slack/state.js';
import { escapeMrkdwn } from '../../adapters/slack/escape.js';
import { markdownToMrkdwn, packSections } from '../../adapters/slack/mrkdwn.js';
import { LIMITS } from '../../adapters/slack/blocks.js';
import { renderAnswer, renderHome, renderInfo, renderLinkModal, renderReply } from '../../adapters/slack/render.js';
import { parseLinkArguments, slackToPlain } from '../../adapters/slack/text.js';
import type { AnswerReply } from '../../src/reply.js';
import { anyReply, hostileText, infoReply, rankedTopics, SEED } from '../render-arbitraries.js';
import { expectNoUnwantedMentions, expectValidBlocks } from './harness.js';

/** The renderer and the text helpers on their own: mrkdwn conversion, escaping, Slack's limits. */

function answer(body: string, extra: Partial<AnswerReply> = {}): AnswerReply {
  return {
    kind: 'answer',
    topic: { id: 'sql-backend-language', title: 'Is SQL a backend language?' },
    body,
    sources: [],
    related: [],
    confidence: 1,
    ...extra,
  };
}

describe('markdownToMrkdwn', () => {
  it.each([
    ['bold', '**Yes.** It is.', ['*Yes.* It is.']],
    ['italic', 'an _important_ word', ['an _important_ word']],
    ['bold keeps its spaces outside', 'a** b **c', ['a** b **c']],
    ['link', 'see [the roadmap](https://roadmap.sh/backend)', ['see <https://roadmap.sh/backend|the roadmap>']],
    ['bare URL', 'https://example.com/a?b=1&c=2', ['<https://example.com/a?b=1&amp;c=2>']],
    ['relative link keeps only its words', '[databases](databases.md)', ['databases']],
    ['bullet list', '- one\n- **two**', ['• one\n• *two*']],
    ['ordered list', '3. three\n4. four', ['3. three\n4. four']],
    ['inline code', 'use `SELECT *`', ['use `SELECT *`']],
    ['code block escapes', '```\na < b && c\n```', ['```\na &lt; b &amp;&amp; c\n```']],
    ['quote', '> quoted', ['> quoted']],
    ['heading becomes a paragraph', '## Title\n\ntext', ['Title', 'text']],
    ['escapes text', 'a < b & c > d', ['a &lt; b &amp; c &gt; d']],
    ['an escaped @ cannot rebuild @here', '\\@here and \\@channel', ['@\u2060here and @\u2060channel']],
    ['a link to an @here address stays the same address', '[x](https://a.b/@here)', ['<https://a.b/%40here|x>']],
  ])('%s', (_name, markdown, expected) => {
    expect(markdownToMrkdwn(markdown)).toEqual(expected);
  });

  it('cannot produce a mention from a link', () => {
    expect(markdownToMrkdwn('[x](https://a.b/|<!channel>)').join('')).toBe('<https://a.b/%7C%3C!channel%3E|x>');
  });
});

describe('escaping', () => {
  it('turns special mentions into inert text', () => {
    expect(escapeMrkdwn('<!channel> @here @Everyone <@U123>')).toBe('&lt;!channel&gt; @\u2060here @\u2060Everyone &lt;@U123&gt;');
  });

  it('never lets arbitrary Markdown render a mention or a raw <', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '<',
            '>',
            '!',
            '@',
            '&',
            '|',
            '[',
            ']',
            '(',
            ')',
            '*',
            'a',
            'h',
            'e',
            'r',
            ' ',
            '\n',
            'channel',
            'here',
            'https://x.y/',
          ),
        }),
        (markdown) => {
          const text = markdownToMrkdwn(markdown).join('\n\n');
          expect(text).not.toMatch(/<[!@#]/);
          // Outside link targets (a URL may contain "@here"; Slack never reads it as a mention).
          expect(text.replace(/<(https?:|mailto:)[^|>]*/g, '')).not.toMatch(/@(here|channel|everyone)\b/i);
          // Every remaining "<" opens a link we wrote.
          for (const match of text.matchAll(/</g)) expect(text.slice(match.index)).toMatch(/^<(https?:|mailto:)/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never lets a question echoed in an answer render a mention', () => {
    fc.assert(
      fc.property(fc.string(), (question) => {
        const message = renderAnswer(answer('body'), { ephemeral: true, question, sharedBy: 'UASKER' });
        expectNoUnwantedMentions(message as unknown as Record<string, unknown>, ['UASKER']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Slack limits', () => {
  it('splits a long answer into sections of at most 3000 characters, without breaking links', () => {
    const paragraph = `${'word '.repeat(150)}[a link](https://example.com/${'x'.repeat(40)}) `.repeat(3);
    const body = Array.from({ length: 30 }, () => paragraph).join('\n\n');
    const message = renderAnswer(answer(body));
    expectValidBlocks(message as unknown as Record<string, unknown>);
    const sections = message.blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThan(5);
    for (const block of sections) {
      const text = block.type === 'section' ? (block.text?.text ?? '') : '';
      expect((text.match(/</g) ?? []).length).toBe((text.match(/>/g) ?? []).length);
    }
  });

  it('stays within 50 blocks however long the answer, saying it was shortened', () => {
    const body = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} ${'long text '.repeat(300)}`).join('\n\n');
    const message = renderAnswer(answer(body, { related: [{ id: 'databases', title: 'Databases' }] }), {
      ephemeral: true,
      question: 'q',
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expectValidBlocks(message as unknown as Record<string, unknown>);
    expect(JSON.stringify(message.blocks)).toContain('shortened');
    // The buttons survive the cut.
    expect(JSON.stringify(message.blocks)).toContain('careerbot_share');
  });

  it('packs short parts together and splits one that is too long', () => {
    expect(packSections(['a', 'b'], 10)).toEqual(['a\n\nb']);
    const pieces = packSections(['x'.repeat(25)], 10);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    expect(pieces.join('')).toBe('x'.repeat(25));
  });

  it('keeps button values within 2000 characters however long the question', () => {
    const value = encodeShareValue({ topicId: 'databases', question: '"\\'.repeat(5000) });
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeShareValue(value)?.topicId).toBe('databases');
  });

  it('lists many topics as text and a menu, with unique action ids per block', () => {
    const topics = Array.from({ length: 120 }, (_, i) => ({ id: `topic-${i}`, title: `Topic ${i} ${'t'.repeat(100)}` }));
    const message = renderInfo({ kind: 'smalltalk', text: 'Topics:', topics });
    expectValidBlocks(message as unknown as Record<string, unknown>);
    const select = message.blocks.find((b) => b.type === 'actions');
    expect(JSON.stringify(select)).toContain('careerbot_pick');
    const options = (select as { elements: { options: unknown[] }[] }).elements[0]!.options;
    expect(options).toHaveLength(100);
  });

  it('carries the link target through private_metadata within 3000 characters', () => {
    const target = { channel: 'C1', threadTs: '1.2', author: 'U1', text: '"'.repeat(3000) };
    const encoded = encodeLinkTarget(target);
    expect(encoded.length).toBeLessThanOrEqual(3000);
    expect(decodeLinkTarget(encoded)).toMatchObject({ channel: 'C1', threadTs: '1.2', author: 'U1' });
    expect(decodeLinkTarget('not json')).toBeNull();
    const modal = renderLinkModal(target, []);
    expect(modal.title.text.length).toBeLessThanOrEqual(24);
  });
});

describe('incoming text', () => {
  it.each([
    ['<@UBOT> is sql a backend language?', 'is sql a backend language?'],
    ['<@UBOT|careerbot> hi', 'hi'],
    ['ask <@U123|ann> about it', 'ask @ann about it'],
    ['<!here> anyone? <!channel|channel> <!everyone>', '@here anyone? channel @everyone'],
    ['<!subteam^S123|@backend> salary', '@backend salary'],
    ['in <#C123|general>', 'in #general'],
    ['see <https://roadmap.sh|roadmap> or <https://x.y>', 'see roadmap or https://x.y'],
    ['a &lt; b &amp;&amp; c &gt; d', 'a < b && c > d'],
  ])('slackToPlain(%j)', (input, expected) => {
    expect(slackToPlain(input, 'UBOT')).toBe(expected);
  });

  it.each([
    ['sql-backend-language <@U123|ann>', { query: 'sql-backend-language', userId: 'U123', unresolved: undefined }],
    ['salary in india <@W99>', { query: 'salary in india', userId: 'W99', unresolved: undefined }],
    ['databases', { query: 'databases', userId: undefined, unresolved: undefined }],
    ['databases @ann', { query: 'databases', userId: undefined, unresolved: '@ann' }],
    ['', { query: '', userId: undefined, unresolved: undefined }],
  ])('parseLinkArguments(%j)', (input, expected) => {
    expect(parseLinkArguments(input)).toEqual(expected);
  });
});

/**
 * Every mrkdwn text in a Block Kit structure (section and context texts, fields): the strings Slack
 * parses for mentions, with the message's top-level `text`. plain_text (headers, buttons, options)
 * is shown literally, never parsed for mentions; button values and private_metadata are data.
 */
function mrkdwnTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) mrkdwnTexts(item, out);
  else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') out.push(object.text);
    for (const [key, value] of Object.entries(object)) if (key !== 'value' && key !== 'private_metadata') mrkdwnTexts(value, out);
  }
  return out;
}

const isUserId = (id: string | undefined): id is string => id !== undefined && /^[UW][A-Z0-9]{2,}$/.test(id);

/**
 * No mention Slack could act on: no `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^…>`, no
 * `<@user>` but the allowed ones, and no bare `@here`/`@channel`/`@everyone` outside link targets
 * (which Slack never reads as mentions).
 */
function expectNoMentions(texts: readonly string[], allowedUserIds: readonly string[] = []): void {
  for (const text of texts) {
    expect(text).not.toMatch(/<!/);
    for (const [, id] of text.matchAll(/<@([^>|]*)/g)) expect(allowedUserIds).toContain(id);
    expect(text.replace(/<(https?:|mailto:)[^|>]*/g, '')).not.toMatch(/@(here|channel|everyone)\b/i);
  }
}

describe('properties over arbitrary replies (fast-check, fixed seed)', () => {
  const userId = fc.constantFrom<string | undefined>(undefined, 'UASKER', 'W0123ABC', 'not-a-user-id', '<!channel>');

  it('renders any reply within Slack limits, with no mention the adapter did not mean', () => {
    fc.assert(
      fc.property(
        anyReply,
        fc.record({
          ephemeral: fc.boolean(),
          question: fc.option(hostileText(600), { nil: undefined }),
          mention: userId,
          sharedBy: userId,
        }),
        (reply, options) => {
          const message = renderReply(reply, options);
          expectValidBlocks(message as unknown as Record<string, unknown>);
          expect(message.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
          expectNoMentions([message.text, ...mrkdwnTexts(message.blocks)], [options.mention, options.sharedBy].filter(isUserId));
        },
      ),
      { seed: SEED, numRuns: 250 },
    );
  });

  it('renders any Home tab within 100 blocks and 3000 characters a section, with no mention', () => {
    fc.assert(
      fc.property(infoReply, (help) => {
        const view = renderHome(help, 'FAQ bot');
        expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.homeBlocks);
        for (const block of view.blocks) {
          const text = block.type === 'section' ? (block as { text?: { text: string } }).text?.text : undefined;
          expect(text?.length ?? 0).toBeLessThanOrEqual(LIMITS.sectionText);
        }
        expectNoMentions(mrkdwnTexts(view.blocks));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('builds the moderator modal for any message and suggestions within its limits', () => {
    fc.assert(
      fc.property(hostileText(4_000), userId, rankedTopics, (text, author, suggestions) => {
        const modal = renderLinkModal({ channel: 'C1', threadTs: '1.2', author, text }, suggestions);
        expect(modal.private_metadata?.length).toBeLessThanOrEqual(LIMITS.privateMetadata);
        expect(decodeLinkTarget(modal.private_metadata)).toMatchObject({ channel: 'C1', threadTs: '1.2' });
        expect(modal.blocks.length).toBeLessThanOrEqual(100);
        expectNoMentions(mrkdwnTexts(modal.blocks), isUserId(author) ? [author] : []);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it('reads any incoming Slack text into plain words without throwing', () => {
    fc.assert(
      fc.property(hostileText(2_000), fc.option(fc.constantFrom('UBOT', 'U0123ABC'), { nil: undefined }), (text, bot) => {
        // Plain words for the core (what the user typed, entities decoded); every echo is escaped on the way out.
        expect(typeof slackToPlain(text, bot)).toBe('string');
        expect(() => parseLinkArguments(text)).not.toThrow();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
