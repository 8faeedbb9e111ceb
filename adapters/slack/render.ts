import type { types } from '@slack/bolt';
import type { RankedTopic } from '../../src/bot.js';
import { inlineText, parseMarkdown, type Block, type Inline } from '../../src/markdown.js';
import type { AnswerReply, ClarifyReply, InfoReply, Reply, TopicRef } from '../../src/reply.js';
import { ACTIONS, BLOCKS, COMMAND, LINK_MODAL } from './ids.js';
import { linkedAnswerIntro } from '../shared/texts.js';
import { truncateLine as truncate } from '../shared/truncate.js';
import { isSlackUserId } from './text.js';

/**
 * Neutral replies to Slack Block Kit and mrkdwn. Every piece of text that is not a mention the
 * adapter built from a Slack user id goes through `escapeMrkdwn`, so nothing a user or a knowledge
 * file writes can become `<!channel>`, `<!here>`, `<!everyone>` or `<@…>`.
 */

export type KnownBlock = types.KnownBlock;
type Button = types.Button;
type PlainTextOption = types.PlainTextOption;

/** Slack's documented limits that these renderers respect. */
export const LIMITS = {
  blocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  contextText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 150,
  actionsElements: 25,
  selectOptions: 100,
  modalTitle: 24,
  privateMetadata: 3000,
} as const;

/** Answers with this many topics or fewer offer them as buttons; longer lists become text and a menu. */
const MAX_TOPIC_BUTTONS = 5;
const MAX_RELATED = 5;
const MAX_ECHO_CHARS = 300;

/**
 * Escape for mrkdwn: `&`, `<` and `>` as entities (so `<!channel>` stays text), and a word joiner
 * after `@` in `@here`/`@channel`/`@everyone`, so not even a `link_names` or `parse: full` caller
 * could turn them into mass mentions.
 */
export function escapeMrkdwn(text: string): string {
  return defuseMassMentions(text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** The word joiner after `@` in `@here`, `@channel`, `@everyone` (idempotent). */
function defuseMassMentions(mrkdwn: string): string {
  return mrkdwn.replace(/@(here|channel|everyone)\b/gi, '@\u2060$1');
}

/** Plain text (headers, buttons, options) is never parsed for mentions; it only needs its length cut. */
export { truncate };

function mention(userId: string | undefined): string {
  return isSlackUserId(userId) ? `<@${userId}>` : '';
}

// ---------------------------------------------------------------------------------------------
// Markdown → mrkdwn

function emphasis(mark: string, inner: string): string {
  // Slack only honours `*`/`_` when they touch the words: keep surrounding spaces outside.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead = '', body = '', trail = ''] = match ?? [];
  return body === '' ? inner : `${lead}${mark}${body}${mark}${trail}`;
}

function linkTo(href: string, children: readonly Inline[]): string {
  const label = escapeMrkdwn(inlineText(children).replace(/\s+/g, ' ').trim());
  if (!/^(https?:|mailto:)/i.test(href)) return label;
  const url = href
    .replace(/&/g, '&amp;')
    .replace(/</g, '%3C')
    .replace(/>/g, '%3E')
    .replace(/\|/g, '%7C')
    .replace(/\s/g, '%20')
    // The same address, and nothing in the message reads as `@here` (see inlineMrkdwn).
    .replace(/@(?=here|channel|everyone)/gi, '%40');
  return label === '' || label === escapeMrkdwn(href) ? `<${url}>` : `<${url}|${label}>`;
}

function inlineMrkdwn(nodes: readonly Inline[]): string {
  const mrkdwn = nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
          return escapeMrkdwn(node.text);
        case 'code':
          // A backtick inside inline code would end it early in mrkdwn.
          return node.text === '' ? '' : `\`${escapeMrkdwn(node.text.replace(/`/g, 'ʼ'))}\``;
        case 'break':
          return '\n';
        case 'strong':
          return emphasis('*', inlineMrkdwn(node.children));
        case 'em':
          return emphasis('_', inlineMrkdwn(node.children));
        case 'link':
          return linkTo(node.href, node.children);
      }
    })
    .join('');
  // Neighbouring nodes can join into a mass mention (an escaped `\@` and then `here`): defuse the whole.
  return defuseMassMentions(mrkdwn);
}

function blockMrkdwn(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return inlineMrkdwn(block.children);
    case 'quote':
      return inlineMrkdwn(block.children)
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'code':
      return `\`\`\`\n${escapeMrkdwn(block.text.replace(/```/g, 'ʼʼʼ'))}\n\`\`\``;
    case 'list':
      return block.items
        .map((item, i) => `${block.ordered ? `${block.start + i}.` : '•'} ${inlineMrkdwn(item).replace(/\n/g, '\n    ')}`)
        .join('\n');
  }
}

/** Markdown to Slack mrkdwn, one string per Markdown block. */
export function markdownToMrkdwn(markdown: string): string[] {
  return parseMarkdown(markdown)
    .map(blockMrkdwn)
    .filter((text) => text.trim() !== '');
}

/** Where a long mrkdwn text may be cut without breaking a `<link|label>` or an `&amp;` entity. */
function safeCut(text: string, max: number): number {
  let cut = text.lastIndexOf('\n', max);
  if (cut < max / 2) cut = text.lastIndexOf(' ', max);
  if (cut < max / 2) cut = max;
  const head = text.slice(0, cut);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && open > 0) cut = open;
  const amp = text.slice(0, cut).lastIndexOf('&');
  if (amp !== -1 && amp > cut - 6 && !text.slice(amp, cut).includes(';') && amp > 0) cut = amp;
  return cut;
}

/** Split mrkdwn into pieces of at most `max` characters, at line, then word boundaries. */
export function splitMrkdwn(text: string, max: number = LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}

/** Pack mrkdwn parts into as few section texts as fit the section limit. */
export function packSections(parts: readonly string[], max: number = LIMITS.sectionText): string[] {
  const sections: string[] = [];
  let current = '';
  for (const part of parts.flatMap((p) => splitMrkdwn(p, max))) {
    const joined = current === '' ? part : `${current}\n\n${part}`;
    if (joined.length <= max) current = joined;
    else {
      sections.push(current);
      current = part;
    }
  }
  if (current !== '') sections.push(current);
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Block helpers

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text, verbatim: true } };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, LIMITS.contextText), verbatim: true }] };
}

function button(actionId: string, text: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: truncate(text, LIMITS.buttonText), emoji: true },
    value: value.slice(0, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function topicOption(topic: TopicRef): PlainTextOption {
  return {
    text: { type: 'plain_text', text: truncate(topic.title, LIMITS.optionText), emoji: true },
    value: topic.id.slice(0, LIMITS.optionValue),
  };
}

function topicList(topics: readonly TopicRef[]): string[] {
  return packSections([topics.map((topic) => `• ${escapeMrkdwn(topic.title)}  \`${escapeMrkdwn(topic.id)}\``).join('\n')]);
}

/** User text, cut and escaped, in quotes: the one way user words are echoed. */
export function quoted(text: string): string {
  return `“${escapeMrkdwn(truncate(text, MAX_ECHO_CHARS))}”`;
}

// ---------------------------------------------------------------------------------------------
// Replies

export interface RenderOptions {
  /** Only the asker sees it: echo their question and offer "Share in channel". */
  ephemeral?: boolean;
  /** The asker's question (already plain text); echoed escaped, never as markup. */
  question?: string | undefined;
  /** Slack user id to address at the top (the author a moderator answers, the `/career link` user). */
  mention?: string | undefined;
  /** Slack user id of whoever shared it (a moderator, or the asker sharing an ephemeral answer). */
  sharedBy?: string | undefined;
}

/** A message body for chat.postMessage, chat.postEphemeral or a response_url. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** The share button's value: the topic and the question, so the shared message can show what was asked. */
export interface ShareValue {
  topicId: string;
  question: string | undefined;
}

export function encodeShareValue(value: ShareValue): string {
  const full = JSON.stringify({ t: value.topicId, q: value.question?.slice(0, MAX_ECHO_CHARS) });
  return full.length <= LIMITS.buttonValue ? full : JSON.stringify({ t: value.topicId });
}

export function decodeShareValue(raw: string | undefined): ShareValue | null {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { t, q } = parsed as { t?: unknown; q?: unknown };
    if (typeof t !== 'string') return null;
    return { topicId: t, question: typeof q === 'string' ? q : undefined };
  } catch {
    return null;
  }
}

function header(options: RenderOptions, intro: (to: string) => string = (to) => to): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const to = mention(options.mention);
  if (to) blocks.push(section(intro(to)));
  if (options.ephemeral && options.question) blocks.push(context(`You asked: ${quoted(options.question)}`));
  return blocks;
}

function footer(options: RenderOptions): KnownBlock[] {
  const by = mention(options.sharedBy);
  if (!by) return [];
  const asked = !options.ephemeral && options.question ? ` · question: ${quoted(options.question)}` : '';
  return [context(`Shared by ${by}${asked}`)];
}

function sourcesLine(reply: AnswerReply): string | null {
  if (reply.sources.length === 0) return null;
  const items = reply.sources.map((source) =>
    source.url ? linkTo(source.url, [{ type: 'text', text: source.title }]) : escapeMrkdwn(source.title),
  );
  return `*Sources:* ${items.join(' · ')}`;
}

export function renderAnswer(reply: AnswerReply, options: RenderOptions = {}): SlackMessage {
  const top = header(options, (to) => linkedAnswerIntro(to));
  const bottom: KnownBlock[] = [];
  const sources = sourcesLine(reply);
  if (sources) bottom.push(context(sources));
  const related = reply.related.slice(0, MAX_RELATED);
  if (related.length > 0) {
    bottom.push(context('Related topics:'));
    bottom.push({
      type: 'actions',
      block_id: BLOCKS.related,
      elements: related.map((topic, i) => button(`${ACTIONS.show}${i}`, topic.title, topic.id)),
    });
  }
  const also = (reply.also ?? []).filter((topic) => topic.id !== reply.topic.id).slice(0, MAX_RELATED);
  if (also.length > 0) {
    // The other question of a two-question message: its button posts that answer, like a related topic.
    bottom.push(context(`You also asked about: ${also.map((topic) => `*${escapeMrkdwn(topic.title)}*`).join(' · ')}`));
    bottom.push({
      type: 'actions',
      block_id: BLOCKS.also,
      elements: also.map((topic, i) => button(`${ACTIONS.show}${i}`, topic.title, topic.id)),
    });
  }
  const actions: Button[] = [];
  if (options.ephemeral) {
    actions.push(
      button(
        ACTIONS.share,
        'Share in channel',
        encodeShareValue({ topicId: reply.topic.id, question: options.question }),
        'primary',
      ),
    );
  }
  actions.push(
    button(ACTIONS.feedbackUp, '👍 Helpful', reply.topic.id),
    button(ACTIONS.feedbackDown, '👎 Not helpful', reply.topic.id),
  );
  bottom.push({ type: 'actions', block_id: BLOCKS.answerActions, elements: actions });
  bottom.push(...footer(options));

  const title: KnownBlock = {
    type: 'header',
    text: { type: 'plain_text', text: truncate(reply.topic.title, LIMITS.headerText), emoji: true },
  };
  const room = LIMITS.blocks - top.length - 1 - bottom.length;
  let body = packSections(markdownToMrkdwn(reply.body));
  if (body.length > room) {
    body = body.slice(0, Math.max(1, room));
    const note = '\n_(shortened: this answer is longer than one Slack message allows)_';
    const last = body[body.length - 1] ?? '';
    const kept =
      last.length + note.length <= LIMITS.sectionText ? last : last.slice(0, safeCut(last, LIMITS.sectionText - note.length));
    body[body.length - 1] = kept + note;
  }
  const to = mention(options.mention);
  return {
    text: truncate(`${to ? `${to} ` : ''}${escapeMrkdwn(reply.topic.title)}`, LIMITS.sectionText),
    blocks: [...top, title, ...body.map(section), ...bottom],
  };
}

export function renderClarify(reply: ClarifyReply, options: RenderOptions = {}): SlackMessage {
  const suggestions = reply.suggestions.slice(0, 3);
  const blocks: KnownBlock[] = [...header(options), section(escapeMrkdwn(reply.text))];
  if (suggestions.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: BLOCKS.clarify,
      elements: suggestions.map((topic, i) => button(`${ACTIONS.clarify}${i}`, topic.title, topic.id)),
    });
  }
  const titles = suggestions.map((topic) => escapeMrkdwn(topic.title)).join(' / ');
  return { text: truncate(`${escapeMrkdwn(reply.text)} ${titles}`, LIMITS.sectionText), blocks };
}

export function renderInfo(reply: InfoReply, options: RenderOptions = {}): SlackMessage {
  const blocks: KnownBlock[] = [...header(options), section(escapeMrkdwn(reply.text))];
  const topics = reply.topics;
  if (topics.length > 0 && topics.length <= MAX_TOPIC_BUTTONS) {
    blocks.push({
      type: 'actions',
      block_id: BLOCKS.topics,
      elements: topics.map((topic, i) => button(`${ACTIONS.show}${i}`, topic.title, topic.id)),
    });
  } else if (topics.length > MAX_TOPIC_BUTTONS) {
    const room = LIMITS.blocks - blocks.length - 1;
    blocks.push(...topicList(topics).slice(0, room).map(section));
    blocks.push({
      type: 'actions',
      block_id: BLOCKS.topics,
      elements: [
        {
          type: 'static_select',
          action_id: ACTIONS.pick,
          placeholder: { type: 'plain_text', text: 'Open a topic…' },
          options: topics.slice(0, LIMITS.selectOptions).map(topicOption),
        },
      ],
    });
  }
  return { text: truncate(escapeMrkdwn(reply.text), LIMITS.sectionText), blocks };
}

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply, options);
    case 'clarify':
      return renderClarify(reply, options);
    default:
      return renderInfo(reply, options);
  }
}

/**
 * A short message (refusals, usage, apologies) from mrkdwn the adapter wrote; any user text in it
 * must already be escaped (`quoted`, `escapeMrkdwn`).
 */
export function renderNotice(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [section(mrkdwn)] };
}

// ---------------------------------------------------------------------------------------------
// App Home and the moderator modal

/** The Home tab: how to ask, then the topic list (the core's help reply); `name` from the knowledge's identity. */
export function renderHome(help: InfoReply, name: string): types.HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(name, LIMITS.headerText), emoji: true } },
    section(
      [
        escapeMrkdwn(help.text.replace(/\s*These are the topics I cover:?\s*$/, '')),
        '',
        '*How to ask*',
        '• Mention me in a channel: I answer in a thread.',
        '• Send me a direct message.',
        `• \`${COMMAND} <question>\`: only you see the answer, and you can share it. \`${COMMAND} help\` lists the topics.`,
      ].join('\n'),
    ),
    { type: 'divider' },
    section('*Topics I cover*'),
  ];
  blocks.push(
    ...topicList(help.topics)
      .slice(0, LIMITS.homeBlocks - blocks.length)
      .map(section),
  );
  return { type: 'home', blocks };
}

/** Where a moderator's answer goes; carried in the modal's private_metadata. */
export interface LinkTarget {
  channel: string;
  threadTs: string;
  author: string | undefined;
  /** The message's text (plain, cut), to rank the picker's options when the search box is empty. */
  text: string;
}

export function encodeLinkTarget(target: LinkTarget): string {
  let text = target.text.slice(0, 1000);
  let encoded = JSON.stringify({ c: target.channel, ts: target.threadTs, a: target.author, q: text });
  while (encoded.length > LIMITS.privateMetadata && text.length > 0) {
    text = text.slice(0, Math.floor(text.length / 2));
    encoded = JSON.stringify({ c: target.channel, ts: target.threadTs, a: target.author, q: text });
  }
  return encoded;
}

export function decodeLinkTarget(raw: string | undefined): LinkTarget | null {
  try {
    const parsed: unknown = JSON.parse(raw ?? '');
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { c, ts, a, q } = parsed as Record<string, unknown>;
    if (typeof c !== 'string' || typeof ts !== 'string') return null;
    return { channel: c, threadTs: ts, author: typeof a === 'string' ? a : undefined, text: typeof q === 'string' ? q : '' };
  } catch {
    return null;
  }
}

export function renderLinkModal(target: LinkTarget, suggestions: readonly RankedTopic[]): types.ModalView {
  const best = suggestions[0];
  const preview = target.text.trim() === '' ? '_(no text)_' : quoted(target.text);
  return {
    type: 'modal',
    callback_id: LINK_MODAL,
    title: { type: 'plain_text', text: truncate('Answer with career FAQ', LIMITS.modalTitle) },
    submit: { type: 'plain_text', text: 'Post answer' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: encodeLinkTarget(target),
    blocks: [
      context(`Answering ${mention(target.author) || 'this message'}: ${preview}`),
      {
        type: 'input',
        block_id: BLOCKS.topicPicker,
        label: { type: 'plain_text', text: 'Topic' },
        hint: { type: 'plain_text', text: 'Pre-filled with the best match for the message; type to search all topics.' },
        element: {
          type: 'external_select',
          action_id: ACTIONS.topicPicker,
          placeholder: { type: 'plain_text', text: 'Search topics' },
          min_query_length: 0,
          ...(best ? { initial_option: topicOption(best) } : {}),
        },
      },
      context('The answer is posted as a reply in the message’s thread, mentioning its author, with “shared by” you.'),
    ],
  };
}
