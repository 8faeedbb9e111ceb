import {
  ButtonStyle,
  ChannelType,
  Events,
  MessageType,
  type APIButtonComponent,
  type AnyThreadChannel,
  type Client,
  type Message,
  type MessageComponentInteraction,
} from 'discord.js';
import type { CareerBot } from '../../src/bot.js';
import type { Logger } from '../../src/logger.js';
import type { TopicCooldown } from '../../src/policies/cooldown.js';
import type { AnswerReply } from '../../src/reply.js';
import type { CareerStore } from '../../src/store/store.js';
import {
  decideAutoReply,
  logAutoReply,
  recordAutoReplyEvent,
  type AutoReplyMessage,
  type AutoReplySetup,
} from '../../src/use-cases/auto-reply.js';
import { AUTO_REPLY_NOTE, REMOVE_LABEL, REMOVE_REFUSED, SOLVED_LABEL, SOLVED_REFUSED } from '../shared/auto-reply-texts.js';
import type { DiscordConfig } from './config.js';
import { loggableError } from './errors.js';
import { isModerator } from './moderators.js';
import { allowedMentions, renderAnswer, type DiscordMessage, type Row } from './render.js';
import { replyPrivately } from './respond.js';

/**
 * Issue 13 on Discord: in an auto-reply forum channel, a new post (thread create) is matched on its
 * title and, with the Message Content intent, its first message; in an auto-reply text channel, a new
 * message (which needs that intent) is answered in a thread started on it. The same stricter
 * threshold, cooldown and channel limit as on Slack; feedback, "remove" for the asker or a moderator,
 * and "✅ Solved" for the asker of a forum post, which applies the configured forum tag.
 */

/** Our components' custom ids start with this (the main router leaves them to this file). */
export const AUTO_REPLY_PREFIX = 'cbar';

type AutoReplyId = { kind: 'up' | 'down'; topicId: string } | { kind: 'remove' | 'solved'; askerId: string; topicId: string };

export function encodeAutoReplyId(id: AutoReplyId): string {
  if (!('askerId' in id)) return [AUTO_REPLY_PREFIX, id.kind, id.topicId].join(':');
  return [AUTO_REPLY_PREFIX, id.kind === 'remove' ? 'rm' : 'ok', id.askerId, id.topicId].join(':');
}

export function decodeAutoReplyId(customId: string): AutoReplyId | null {
  const [prefix, kind, a, b] = customId.split(':');
  if (prefix !== AUTO_REPLY_PREFIX || !a) return null;
  if (kind === 'up' || kind === 'down') return { kind, topicId: a };
  if ((kind === 'rm' || kind === 'ok') && b) return { kind: kind === 'rm' ? 'remove' : 'solved', askerId: a, topicId: b };
  return null;
}

const button = (label: string, customId: string, emoji?: string): APIButtonComponent => ({
  type: 2,
  style: ButtonStyle.Secondary,
  label,
  custom_id: customId,
  ...(emoji ? { emoji: { name: emoji } } : {}),
});

/** The answer as a marked suggestion, our own feedback/remove (and, in a forum post, solved) buttons, no mentions. */
export function renderAutoReply(reply: AnswerReply, askerId: string, inForum: boolean): DiscordMessage {
  const answer = renderAnswer(reply, { content: `🤖 ${AUTO_REPLY_NOTE}` });
  const topicId = reply.topic.id;
  const ours: APIButtonComponent[] = [
    button('Helpful', encodeAutoReplyId({ kind: 'up', topicId }), '👍'),
    button('Not helpful', encodeAutoReplyId({ kind: 'down', topicId }), '👎'),
    button(REMOVE_LABEL, encodeAutoReplyId({ kind: 'remove', askerId, topicId })),
  ];
  if (inForum) ours.push(button(SOLVED_LABEL, encodeAutoReplyId({ kind: 'solved', askerId, topicId })));
  // The answer's own 👍/👎 row goes: ours replaces it.
  const kept = answer.components.filter(
    (row) => !row.components.some((c) => 'custom_id' in c && typeof c.custom_id === 'string' && c.custom_id.startsWith('cb:fb:')),
  );
  const row: Row = { type: 1, components: ours };
  return { ...answer, components: [...kept.slice(0, 4), row] };
}

export interface DiscordAutoReplyOptions {
  client: Client;
  bot: CareerBot;
  config: DiscordConfig;
  cooldown: TopicCooldown;
  logger: Logger;
  store?: CareerStore | undefined;
  setup: AutoReplySetup;
  /** Track the work for graceful stop (the adapter's in-flight set). */
  track(work: Promise<void>): void;
  isStopping(): boolean;
}

export class DiscordAutoReply {
  constructor(private readonly options: DiscordAutoReplyOptions) {}

  attach(): void {
    const { client } = this.options;
    client.on(Events.ThreadCreate, (thread, newlyCreated) => {
      if (newlyCreated)
        this.run('threadCreate', { channel: thread.parentId ?? undefined, thread: thread.id }, (log) => this.onPost(thread, log));
    });
    client.on(Events.MessageCreate, (message) => {
      this.run('messageCreate', { channel: message.channelId, message: message.id }, (log) => this.onMessage(message, log));
    });
  }

  private run(event: string, fields: Record<string, string | undefined>, work: (log: Logger) => Promise<void>): void {
    if (this.options.isStopping()) return;
    const log = this.options.logger.child({ platform: 'discord', event, ...fields });
    this.options.track(
      work(log).catch((err: unknown) => {
        // Nobody asked us: a failure is logged, never answered with an apology in someone's post.
        log.error({ err: loggableError(err) }, 'auto-reply failed');
      }),
    );
  }

  private async onPost(thread: AnyThreadChannel, log: Logger): Promise<void> {
    const forumId = thread.parentId;
    // Posts in forums only: threads in text channels (ours included) are conversations, not new questions.
    const parent = thread.parent;
    if (parent && parent.type !== ChannelType.GuildForum && parent.type !== ChannelType.GuildMedia) return;
    if (!forumId || !(await this.options.setup.channels.isOn(forumId))) return;
    if (!this.options.setup.firstTime(thread.id)) return;
    const self = this.options.client.user?.id;
    let text = thread.name;
    let fromBot = thread.ownerId === self;
    if (this.options.config.messageContent) {
      try {
        const starter = await thread.fetchStarterMessage();
        if (starter) {
          text = `${thread.name}\n${starter.content}`;
          fromBot ||= starter.author.bot;
        }
      } catch (err) {
        log.debug({ err: loggableError(err) }, 'could not read the post’s first message; matching its title');
      }
    }
    await this.answer(
      { platform: 'discord', channelId: forumId, userId: thread.ownerId ?? '', text, fromBot },
      log,
      async (message) => thread.send(message),
      true,
    );
  }

  private async onMessage(message: Message, log: Logger): Promise<void> {
    if (!message.inGuild() || !(await this.options.setup.channels.isOn(message.channelId))) return;
    // Replies, pins, joins: not new questions. Threads' messages come with the thread's id, never listed.
    if (message.type !== MessageType.Default) return;
    if (!this.options.setup.firstTime(message.id)) return;
    await this.answer(
      {
        platform: 'discord',
        channelId: message.channelId,
        userId: message.author.id,
        text: message.content,
        fromBot: message.author.bot || message.webhookId !== null,
        edited: message.editedTimestamp !== null,
      },
      log,
      async (reply) => {
        const name = message.content.replace(/\s+/g, ' ').trim().slice(0, 90) || 'Question';
        try {
          const thread = await message.startThread({ name });
          return await thread.send(reply);
        } catch (err) {
          log.info({ err: loggableError(err) }, 'cannot start a thread here; replying to the message');
          return message.reply({ ...reply, allowedMentions: { ...allowedMentions(), repliedUser: false } });
        }
      },
      false,
    );
  }

  private async answer(
    message: AutoReplyMessage,
    log: Logger,
    send: (reply: DiscordMessage & { allowedMentions: ReturnType<typeof allowedMentions> }) => Promise<Message>,
    inForum: boolean,
  ): Promise<void> {
    const { setup, bot, cooldown, store } = this.options;
    const decision = await decideAutoReply(
      { bot, log, cooldown, channelLimit: setup.channelLimit, threshold: setup.threshold },
      message,
    );
    logAutoReply(log, message, decision);
    if (!decision.post) return;
    let sent: Message;
    try {
      sent = await send({ ...renderAutoReply(decision.reply, message.userId, inForum), allowedMentions: allowedMentions() });
    } catch (error) {
      decision.release();
      throw error;
    }
    decision.posted(sent.url);
    await recordAutoReplyEvent(store, log, {
      platform: 'discord',
      channelId: message.channelId,
      topicId: decision.reply.topic.id,
      kind: 'posted',
    });
  }

  /** Our buttons under an automatic reply. */
  async handleComponent(interaction: MessageComponentInteraction, log: Logger): Promise<void> {
    const id = decodeAutoReplyId(interaction.customId);
    const { store, config } = this.options;
    if (!id) {
      await replyPrivately(interaction, 'I do not know this button any more.');
      return;
    }
    const channel = interaction.channel;
    // In a post or thread the report counts the forum or channel it belongs to.
    const channelId = channel?.isThread() ? (channel.parentId ?? interaction.channelId) : interaction.channelId;
    const event = (kind: 'up' | 'down' | 'removed' | 'solved') =>
      recordAutoReplyEvent(store, log, { platform: 'discord', channelId, topicId: id.topicId, kind });
    switch (id.kind) {
      case 'up':
      case 'down': {
        log.info({ topicId: id.topicId, vote: id.kind, autoReply: true }, 'feedback');
        if (this.options.bot.topic(id.topicId)) {
          await store?.recordFeedback({ platform: 'discord', topicId: id.topicId, vote: id.kind }).catch((err: unknown) => {
            log.error({ err }, 'could not record feedback');
          });
          await event(id.kind);
        }
        await replyPrivately(interaction, 'Thanks for the feedback!');
        return;
      }
      case 'remove': {
        const asker = interaction.user.id === id.askerId;
        if (!asker && !(await isModerator(interaction, config.moderatorRole))) {
          log.info('refused to remove an automatic reply');
          await replyPrivately(interaction, REMOVE_REFUSED);
          return;
        }
        await interaction.message.delete();
        log.info({ topicId: id.topicId, byAsker: asker }, 'auto-reply removed');
        await event('removed');
        await replyPrivately(interaction, 'Removed.');
        return;
      }
      case 'solved': {
        if (interaction.user.id !== id.askerId) {
          await replyPrivately(interaction, SOLVED_REFUSED);
          return;
        }
        const applied = channel?.isThread() ? await this.applySolvedTag(channel, log) : false;
        log.info({ topicId: id.topicId, tagged: applied }, 'auto-reply marked solved');
        await event('solved');
        await replyPrivately(
          interaction,
          applied ? 'Marked as solved.' : 'Glad it helped! (This forum has no solved tag to apply.)',
        );
        return;
      }
    }
  }

  private async applySolvedTag(thread: AnyThreadChannel, log: Logger): Promise<boolean> {
    const wanted = (this.options.config.solvedTag ?? 'Solved').toLowerCase();
    const forum = thread.parentId ? await this.options.client.channels.fetch(thread.parentId) : null;
    if (!forum || (forum.type !== ChannelType.GuildForum && forum.type !== ChannelType.GuildMedia)) return false;
    const tag = forum.availableTags.find((t) => t.id === wanted || t.name.toLowerCase() === wanted);
    if (!tag) {
      log.info({ forum: forum.id }, 'the forum has no solved tag');
      return false;
    }
    if (thread.appliedTags.includes(tag.id)) return true;
    await thread.setAppliedTags([...thread.appliedTags, tag.id].slice(0, 5));
    return true;
  }
}
