import { giveFeedback } from '../../../src/use-cases/feedback.js';
import { feedbackThanks } from '../../shared/texts.js';
import type { ComponentHandler } from '../context.js';
import { replyPrivately } from '../respond.js';

/** Thumbs up/down under an answer: the feedback use case (logged, recorded), then thanks privately. */
export const recordFeedback: ComponentHandler<'feedback'> = async (interaction, id, ctx) => {
  const log = ctx.log.child({ message: interaction.message.id });
  const { vote } = await giveFeedback(
    { bot: ctx.bot, store: ctx.store, log },
    { platform: 'discord', userId: interaction.user.id, topicId: id.topicId, vote: id.vote },
  );
  await replyPrivately(interaction, feedbackThanks(vote));
};
