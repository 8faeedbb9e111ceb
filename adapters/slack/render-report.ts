import type { types } from '@slack/bolt';
import type { Report, TopicLine } from '../../src/store/report.js';
import { escapeMrkdwn, LIMITS, packSections, quoted, truncate, type SlackMessage } from './render.js';

/** The moderators' report (`/career report`) as Block Kit: a header, the totals, and three sections. */

function topicLabel(line: TopicLine): string {
  return line.title
    ? `${escapeMrkdwn(line.title)} \`${escapeMrkdwn(line.topicId)}\``
    : `\`${escapeMrkdwn(line.topicId)}\` (removed)`;
}

function sections(title: string, lines: string[]): types.KnownBlock[] {
  const body = lines.length > 0 ? lines.join('\n') : '_none_';
  return packSections([`*${title}*\n${body}`]).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text, verbatim: true },
  }));
}

function autoReplyLine(line: Report['autoReplies'][number]): string {
  const where = line.platform === 'slack' ? `<#${escapeMrkdwn(line.channelId)}>` : `discord \`${escapeMrkdwn(line.channelId)}\``;
  return `${where}: ${line.posted} posted · 👍 ${line.up} 👎 ${line.down} · ${line.removed} removed · ${line.solved} solved`;
}

export function renderSlackReport(report: Report): SlackMessage {
  const { totals } = report;
  const summary =
    `${totals.answered} answered · ${totals.clarified} clarified · ${totals.unanswered} not answered · ` +
    `👍 ${totals.feedbackUp} 👎 ${totals.feedbackDown} · ${totals.moderatorLinks} moderator links · ` +
    `${totals.learnedPhrasings} learned phrasings not yet exported`;
  const blocks: types.KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: truncate(`Career FAQ report: last ${report.days} days`, LIMITS.headerText) },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: summary, verbatim: true }] },
    ...sections(
      'Questions I could not answer outright',
      report.questions.map((group) => {
        const also = group.variants.length > 0 ? ` (also ${group.variants.map(quoted).join(', ')})` : '';
        return `• ${group.count}× ${quoted(group.text)}${also}: ${group.outcomes.clarify} clarified, ${group.outcomes.fallback} not answered`;
      }),
    ),
    ...sections(
      'Feedback per topic',
      report.feedback.map((line) => `• 👍 ${line.up} 👎 ${line.down}  ${topicLabel(line)}`),
    ),
    ...sections(
      'Most asked topics',
      report.topics.map((line) => `• ${line.count}  ${topicLabel(line)}`),
    ),
    ...sections(
      'Automatic replies per channel',
      report.autoReplies.map((line) => `• ${autoReplyLine(line)}`),
    ),
  ];
  return {
    text: `Career FAQ report: last ${report.days} days: ${summary}`,
    blocks: blocks.slice(0, LIMITS.blocks),
  };
}
