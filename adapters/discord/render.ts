import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
} from 'discord.js';
import type { AnswerReply, Reply, TopicRef } from '../../src/reply.js';
import type { RankedTopic } from '../../src/bot.js';
import { encodeCustomId, topicChoiceValue } from './custom-ids.js';
import { escapeText, neutraliseMentions, safeUrl, toDiscordMarkdown, truncate } from './markdown.js';

/**
 * The core's neutral replies as Discord embeds and components, always within Discord's limits
 * (checked again by the tests against the numbers in Discord's documentation).
 */

export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  content: 2000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  selectOptions: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  placeholder: 150,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const COLOR = 0x2f6fdf;
export const TOPICS_PER_PAGE = LIMITS.selectOptions;
const MAX_RELATED_ROWS = 2;

export type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message to send: what discord.js `reply`/`editReply` take and, in snake case, what REST takes. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Row[];
}

/** The mentions option for everything we send: nobody is pinged unless named here. */
export function allowedMentions(userIds: string[] = []): { parse: []; users: string[] } {
  return { parse: [], users: [...new Set(userIds)] };
}

/** Keep an embed inside every Discord limit, shortening the description first when the total is too long. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title) fitted.title = truncate(fitted.title, LIMITS.title);
  if (fitted.description) fitted.description = truncate(fitted.description, LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.fields).map((field) => ({
      ...field,
      name: truncate(field.name, LIMITS.fieldName),
      value: truncate(field.value, LIMITS.fieldValue),
    }));
  }
  const over = embedLength(fitted) - LIMITS.embedTotal;
  if (over > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(0, fitted.description.length - over));
  }
  return fitted;
}

/** The characters Discord counts towards an embed's 6000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/**
 * Topic ids longer than this cannot ride in a custom id (100 characters, with a user id beside
 * them); such topics are left off buttons and menus rather than failing the whole message.
 */
const MAX_ADDRESSABLE_ID = 64;

function addressable(topic: TopicRef): boolean {
  return topic.id.length <= MAX_ADDRESSABLE_ID;
}

/** Topics for buttons and menus: addressable, each once (Discord rejects repeated custom ids). */
function uniqueTopics<T extends TopicRef>(topics: readonly T[]): T[] {
  const seen = new Set<string>();
  return topics.filter((topic) => addressable(topic) && !seen.has(topic.id) && Boolean(seen.add(topic.id)));
}

function button(label: string, customId: string, style = ButtonStyle.Secondary, emoji?: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label, LIMITS.buttonLabel),
    custom_id: customId,
    ...(emoji ? { emoji: { name: emoji } } : {}),
  } as APIButtonComponent;
}

/** Buttons in rows of five, at most `maxRows` rows. */
function rows(buttons: APIButtonComponent[], maxRows: number): Row[] {
  const out: Row[] = [];
  for (let i = 0; i < buttons.length && out.length < maxRows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

/** A menu of topics in its own row; none when no topic can be offered (Discord refuses a menu without options). */
function topicSelect(
  customId: string,
  topics: readonly TopicRef[],
  placeholder: string,
  described?: (t: TopicRef, i: number) => string,
): Row[] {
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: customId,
    placeholder: truncate(placeholder, LIMITS.placeholder),
    min_values: 1,
    max_values: 1,
    options: uniqueTopics(topics)
      .slice(0, LIMITS.selectOptions)
      .map((topic, i) => {
        const description = described?.(topic, i);
        return {
          label: truncate(topic.title, LIMITS.optionLabel),
          value: topic.id,
          ...(description ? { description: truncate(description, LIMITS.optionDescription) } : {}),
        };
      }),
  };
  return select.options.length > 0 ? [{ type: ComponentType.ActionRow, components: [select] }] : [];
}

function questionFooter(question: string | undefined): APIEmbed['footer'] | undefined {
  const text = question?.trim().replace(/\s+/g, ' ');
  return text ? { text: `Question: ${truncate(neutraliseMentions(text), 300)}` } : undefined;
}

function sourcesField(answer: AnswerReply): APIEmbed['fields'] {
  if (answer.sources.length === 0) return [];
  const lines: string[] = [];
  let length = 0;
  for (const [i, source] of answer.sources.entries()) {
    const title = escapeText(truncate(source.title, 200));
    const line =
      source.url && /^https?:\/\//i.test(source.url)
        ? `- [${title.replace(/[[\]]/g, '\\$&')}](${safeUrl(source.url)})`
        : `- ${title}`;
    const more = `- …and ${answer.sources.length - i} more`;
    if (length + line.length + 1 + more.length > LIMITS.fieldValue) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return [{ name: 'Sources', value: lines.join('\n') }];
}

export interface AnswerOptions {
  /** The user's question, shown in the footer (mentions neutralised). */
  question?: string | undefined;
  /** Text above the embed: a mention, a note. Built by us; user text in it must be neutralised by the caller. */
  content?: string | undefined;
}

/** An answer: title, Discord Markdown body, sources; related topics and thumbs up/down as buttons. */
export function renderAnswer(answer: AnswerReply, options: AnswerOptions = {}): DiscordMessage {
  // The other questions of a two-question message: a line naming them and a button each.
  const also = uniqueTopics((answer.also ?? []).filter((topic) => topic.id !== answer.topic.id)).slice(0, LIMITS.buttonsPerRow);
  const alsoField =
    also.length > 0 ? [{ name: 'You also asked about', value: also.map((topic) => escapeText(topic.title)).join(' · ') }] : [];
  const embed = fitEmbed({
    color: COLOR,
    title: neutraliseMentions(answer.topic.title),
    description: toDiscordMarkdown(answer.body, LIMITS.description),
    fields: [...(sourcesField(answer) ?? []), ...alsoField],
    footer: questionFooter(options.question),
  });
  const alsoIds = new Set(also.map((topic) => topic.id));
  const related = uniqueTopics(answer.related.filter((topic) => topic.id !== answer.topic.id && !alsoIds.has(topic.id)))
    .slice(0, MAX_RELATED_ROWS * LIMITS.buttonsPerRow)
    .map((topic) => button(topic.title, encodeCustomId({ kind: 'show', topicId: topic.id })));
  const components = rows(related, MAX_RELATED_ROWS);
  components.push(
    ...rows(
      also.map((topic) => button(topic.title, encodeCustomId({ kind: 'show', topicId: topic.id }), ButtonStyle.Primary)),
      1,
    ),
  );
  if (addressable(answer.topic)) {
    const vote = (vote: 'up' | 'down') => encodeCustomId({ kind: 'feedback', vote, topicId: answer.topic.id });
    components.push(
      ...rows(
        [
          button('Helpful', vote('up'), ButtonStyle.Secondary, '👍'),
          button('Not helpful', vote('down'), ButtonStyle.Secondary, '👎'),
        ],
        1,
      ),
    );
  }
  return { ...(options.content ? { content: options.content } : {}), embeds: [embed], components };
}

/**
 * Any reply. `askerId` goes into "Did you mean" buttons so the asker's click answers in place while
 * anyone else's click gets a private answer.
 */
export function renderReply(reply: Reply, options: AnswerOptions & { askerId: string }): DiscordMessage {
  if (reply.kind === 'answer') return renderAnswer(reply, options);
  const footer = questionFooter(options.question);
  const picks = (topics: readonly TopicRef[]) =>
    uniqueTopics(topics).map((topic) =>
      button(topic.title, encodeCustomId({ kind: 'pick', topicId: topic.id, askerId: options.askerId }), ButtonStyle.Primary),
    );
  if (reply.kind === 'clarify') {
    return {
      embeds: [fitEmbed({ color: COLOR, title: 'Did you mean…', description: escapeText(reply.text), footer })],
      // The core offers up to three; never more than one row.
      components: rows(picks(reply.suggestions).slice(0, 3), 1),
    };
  }
  const components: Row[] = [];
  if (reply.topics.length > 0 && reply.topics.length <= LIMITS.buttonsPerRow) components.push(...rows(picks(reply.topics), 1));
  else if (reply.topics.length > 0)
    components.push(...topicSelect(encodeCustomId({ kind: 'topics-select' }), reply.topics, 'Pick a topic'));
  if (reply.kind === 'fallback' || reply.topics.length > LIMITS.selectOptions) {
    components.push(...rows([button('Browse all topics', encodeCustomId({ kind: 'topics-page', page: 0 }))], 1));
  }
  const title = reply.kind === 'fallback' ? 'What I cover' : undefined;
  return {
    embeds: [fitEmbed({ color: COLOR, ...(title ? { title } : {}), description: escapeText(reply.text), footer })],
    components,
  };
}

/** One page of the topic list: the titles, a menu to open one, and previous/next buttons. */
export function renderTopicsPage(topics: readonly TopicRef[], requestedPage: number): DiscordMessage {
  const pages = Math.max(1, Math.ceil(topics.length / TOPICS_PER_PAGE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const shown = topics.slice(page * TOPICS_PER_PAGE, (page + 1) * TOPICS_PER_PAGE);
  const embed = fitEmbed({
    color: COLOR,
    title: pages > 1 ? `Topics I cover (${page + 1}/${pages})` : 'Topics I cover',
    description: shown.length > 0 ? shown.map((topic) => `- ${escapeText(topic.title)}`).join('\n') : 'No topics are loaded yet.',
    footer: { text: 'Pick one below to read it, or ask in your own words with /career ask.' },
  });
  const components: Row[] = [];
  components.push(...topicSelect(encodeCustomId({ kind: 'topics-select' }), shown, 'Open a topic'));
  if (pages > 1) {
    const previous = button('Previous', encodeCustomId({ kind: 'topics-page', page: Math.max(0, page - 1) }));
    const next = button('Next', encodeCustomId({ kind: 'topics-page', page: Math.min(pages - 1, page + 1) }));
    components.push({
      type: ComponentType.ActionRow,
      components: [
        { ...previous, disabled: page === 0 },
        { ...next, disabled: page === pages - 1 },
      ],
    });
  }
  return { embeds: [embed], components };
}

/** `/career help`; `moderators` is Discord Markdown saying who counts as a moderator. */
export function renderHelp(options: {
  topicCount: number;
  moderators: string;
  /** The knowledge's identity (`bot.yaml`): the embed's title and what the bot covers. */
  identity: { name: string; about: string };
}): DiscordMessage {
  const embed = fitEmbed({
    color: COLOR,
    title: options.identity.name,
    description: `I answer ${options.identity.about}, from ${options.topicCount} topics written by the community.`,
    fields: [
      {
        name: '/career ask',
        value:
          'Ask in your own words. As you type, matching topics are suggested; pick one to get that topic exactly. Add `private: True` to see the answer only yourself.',
      },
      { name: '/career topics', value: 'Browse every topic.' },
      {
        name: 'For moderators',
        value: `${options.moderators[0]?.toUpperCase()}${options.moderators.slice(1)}: \`/career-link\` posts a topic for someone, **Apps → Answer with career FAQ** on a message replies to it with a topic (and teaches me that wording), and \`/career-report\` shows what I could not answer.`,
      },
    ],
  });
  return { embeds: [embed], components: rows([button('Browse topics', encodeCustomId({ kind: 'topics-page', page: 0 }))], 1) };
}

/** The moderator's private menu of answers for someone's message, best match first. */
export function renderShareMenu(
  suggestions: readonly RankedTopic[],
  target: { messageId: string; authorId: string; hasText: boolean },
): DiscordMessage {
  // Suggestions with no confidence are the plain topic list, offered when nothing matched the message.
  const matched = target.hasText && (suggestions[0]?.confidence ?? 0) > 0;
  const components = topicSelect(
    encodeCustomId({ kind: 'share', messageId: target.messageId, authorId: target.authorId }),
    suggestions,
    'Choose the answer to post',
    (topic, i) => (matched && i === 0 ? 'Best match' : topic.id),
  );
  const content =
    components.length === 0
      ? 'I have no topic to offer for that message. `/career-link` posts any topic by name.'
      : matched
        ? 'Which answer should I post as a reply to that message? Best matches first.'
        : target.hasText
          ? 'Nothing I know matches that message closely, so here are the topics: which one should I post as a reply?'
          : 'That message has no text I can read, so here are the topics: which one should I post as a reply?';
  return { content, embeds: [], components };
}

/** Autocomplete choices: the user's own words first (so free text stays easy to submit), then matching topics. */
export function topicChoices(suggestions: readonly RankedTopic[], typed: string | null): { name: string; value: string }[] {
  const choices: { name: string; value: string }[] = [];
  const own = typed?.trim() ?? '';
  if (own !== '' && own.length <= LIMITS.choiceValue) choices.push({ name: truncate(own, LIMITS.choiceName), value: own });
  for (const topic of suggestions) {
    const value = topicChoiceValue(topic.id);
    if (value.length > LIMITS.choiceValue || choices.length >= LIMITS.choices) continue;
    choices.push({ name: truncate(topic.title, LIMITS.choiceName), value });
  }
  return choices;
}

/** A Discord jump link to a message. */
export function messageUrl(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}
