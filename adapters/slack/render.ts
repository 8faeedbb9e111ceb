import type { types } from '@slack/bolt';
import type { RankedTopic } from '../../src/bot.js';
import type { AnswerReply, ClarifyReply, InfoReply, Reply, TopicRef } from '../../src/reply.js';
import { linkedAnswerIntro } from '../shared/texts.js';
import { button, context, LIMITS, section, topicOption, type KnownBlock } from './blocks.js';
import { escapeMrkdwn, mention, quoted, truncate } from './escape.js';
import { ACTIONS, BLOCKS, COMMAND, LINK_MODAL } from './ids.js';
import { linkTo, markdownToMrkdwn, packSections, safeCut } from './mrkdwn.js';
import { encodeLinkTarget, encodeShareValue, type LinkTarget } from './state.js';

/**
 * Neutral replies to Slack messages, the App Home tab and the moderator's modal. Escaping lives in
 * escape.ts, Markdown to mrkdwn in mrkdwn.ts, Block Kit builders in blocks.ts and the state carried
 * in buttons and modals in state.ts.
 */

/** Answers with this many topics or fewer offer them as buttons; longer lists become text and a menu. */
const MAX_TOPIC_BUTTONS = 5;
const MAX_RELATED = 5;

function topicList(topics: readonly TopicRef[]): string[] {
  return packSections([topics.map((topic) => `• ${escapeMrkdwn(topic.title)}  \`${escapeMrkdwn(topic.id)}\``).join('\n')]);
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
  const actions: types.Button[] = [];
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
