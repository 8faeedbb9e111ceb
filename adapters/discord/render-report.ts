import type { Report, TopicLine } from '../../src/store/report.js';
import { escapeText, truncate } from './markdown.js';
import { COLOR, fitEmbed, LIMITS, type DiscordMessage } from './render.js';

/** The moderators' report (`/career-report`) as one embed: totals in the description, a field per section. */

function topicLabel(line: TopicLine): string {
  return line.title ? `${escapeText(line.title)} \`${line.topicId}\`` : `\`${line.topicId}\` (removed)`;
}

function quoted(text: string): string {
  return `“${escapeText(truncate(text.replace(/\s+/g, ' '), 150))}”`;
}

/** Lines that fit a field's value, whole lines only. */
function fieldValue(lines: string[]): string {
  if (lines.length === 0) return '*none*';
  let value = '';
  for (const line of lines) {
    const next = value === '' ? line : `${value}\n${line}`;
    if (next.length > LIMITS.fieldValue) break;
    value = next;
  }
  return value === '' ? truncate(lines[0] ?? '', LIMITS.fieldValue) : value;
}

export function renderDiscordReport(report: Report): DiscordMessage {
  const { totals } = report;
  const embed = fitEmbed({
    color: COLOR,
    title: `Career FAQ report: last ${report.days} days`,
    description:
      `${totals.answered} answered · ${totals.clarified} clarified · ${totals.unanswered} not answered\n` +
      `👍 ${totals.feedbackUp} 👎 ${totals.feedbackDown} · ${totals.moderatorLinks} moderator links · ` +
      `${totals.learnedPhrasings} learned phrasings not yet exported`,
    fields: [
      {
        name: 'Questions I could not answer outright',
        value: fieldValue(
          report.questions.map(
            (group) =>
              `${group.count}× ${quoted(group.text)}: ${group.outcomes.clarify} clarified, ${group.outcomes.fallback} not answered`,
          ),
        ),
      },
      {
        name: 'Feedback per topic',
        value: fieldValue(report.feedback.map((line) => `👍 ${line.up} 👎 ${line.down}  ${topicLabel(line)}`)),
      },
      { name: 'Most asked topics', value: fieldValue(report.topics.map((line) => `${line.count}  ${topicLabel(line)}`)) },
      {
        name: 'Automatic replies per channel',
        value: fieldValue(
          report.autoReplies.map(
            (line) =>
              `${line.platform === 'discord' ? `<#${line.channelId}>` : `slack \`${line.channelId}\``}: ${line.posted} posted · 👍 ${line.up} 👎 ${line.down} · ${line.removed} removed · ${line.solved} solved`,
          ),
        ),
      },
    ],
  });
  return { embeds: [embed], components: [] };
}
