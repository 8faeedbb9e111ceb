import { recordFeedback as storeFeedback } from '../../../src/store/record.js';
import type { ComponentHandler } from '../context.js';
import { replyPrivately } from '../respond.js';

/** Thumbs up/down under an answer: logged (the interaction logger carries user and guild), stored with the topic only. */
export const recordFeedback: ComponentHandler<'feedback'> = async (interaction, id, ctx) => {
  ctx.log.info({ feedback: id.vote, topic: id.topicId, message: interaction.message.id }, 'answer feedback');
  await replyPrivately(
    interaction,
    id.vote === 'up' ? 'Thanks, glad it helped!' : 'Thanks for telling me; it is noted so the answer can be improved.',
  );
  if (ctx.bot.topic(id.topicId))
    await storeFeedback(ctx.store, ctx.log, { platform: 'discord', topicId: id.topicId, vote: id.vote });
};
