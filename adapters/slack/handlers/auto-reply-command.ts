import type { Logger } from '../../../src/logger.js';
import { autoReplyStatus, CHANNEL_LIST_REFUSED } from '../../shared/auto-reply-texts.js';
import type { CommandArgs, SlackDeps } from '../deps.js';
import { renderNotice } from '../render.js';

const channelRef = (id: string) => `<#${id}>`;

/** `/career autoreply on|off|status`: moderators choose the channels where automatic replies are posted. */
export async function runCareerAutoReply(
  { command, respond }: CommandArgs,
  deps: SlackDeps,
  log: Logger,
  rest: string,
): Promise<void> {
  const say = (mrkdwn: string) => respond({ response_type: 'ephemeral', ...renderNotice(mrkdwn) });
  const verb = rest.trim().toLowerCase() || 'status';
  if (verb !== 'on' && verb !== 'off' && verb !== 'status') {
    await say('Usage: `/career autoreply on`, `/career autoreply off` or `/career autoreply status`, in the channel concerned.');
    return;
  }
  const { channels } = deps.autoReply;
  const channel = command.channel_id;
  if (verb !== 'status') {
    if (!(await deps.moderators.isModerator(command.user_id))) {
      log.info({ verb }, 'refused /career autoreply to a non-moderator');
      await say(CHANNEL_LIST_REFUSED);
      return;
    }
    if (channel.startsWith('D')) {
      await say('Automatic replies are for channels: run this in the channel where they should be posted.');
      return;
    }
    await channels.set(channel, verb === 'on');
    log.info({ channelId: channel, on: verb === 'on' }, 'auto-reply channel list changed');
  }
  const all = await channels.list();
  await say(
    autoReplyStatus(
      all.includes(channel),
      channels.isFixed(channel),
      channelRef(channel),
      all.filter((id) => id !== channel).map(channelRef),
    ) + (verb === 'on' ? ' The bot must be a member of the channel to see its messages (`/invite @careerbot`).' : ''),
  );
}
