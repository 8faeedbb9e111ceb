import type { Report, TopicLine } from '../../src/store/report.js';
import { PLAIN, type TerminalStyle } from './render.js';

/** `careerbot report` in the terminal: plain text, ANSI emphasis when the terminal supports it. */

function topicLabel(line: TopicLine): string {
  return line.title ? `${line.title} (${line.topicId})` : `${line.topicId} (no longer in the knowledge)`;
}

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function renderReportText(report: Report, style: TerminalStyle = PLAIN): string {
  const { totals } = report;
  const out: string[] = [];
  out.push(style.bold(`careerbot report: the last ${report.days} day(s), ${day(report.since)} to ${day(report.until)}`));
  out.push(
    `${totals.answered} answered, ${totals.clarified} clarified ("Did you mean"), ${totals.unanswered} not answered; ` +
      `feedback ${totals.feedbackUp} up, ${totals.feedbackDown} down; ${totals.moderatorLinks} moderator link(s); ` +
      `${totals.learnedPhrasings} learned phrasing(s) not yet exported`,
  );

  out.push('', style.bold('Questions the bot could not answer outright (similar wordings grouped)'));
  if (report.questions.length === 0) out.push('  none');
  report.questions.forEach((group, i) => {
    const outcomes = `${group.outcomes.clarify} clarified, ${group.outcomes.fallback} not answered`;
    out.push(
      `${String(i + 1).padStart(3)}. ${group.count}x  "${group.text}"  ${style.dim(`(${outcomes}; last ${day(group.lastAt)})`)}`,
    );
    for (const variant of group.variants) out.push(`        also: "${variant}"`);
  });

  out.push('', style.bold('Feedback per topic'));
  if (report.feedback.length === 0) out.push('  none');
  for (const line of report.feedback) out.push(`  +${line.up} -${line.down}  ${topicLabel(line)}`);

  out.push('', style.bold('Most asked topics'));
  if (report.topics.length === 0) out.push('  none');
  for (const line of report.topics) out.push(`  ${String(line.count).padStart(5)}  ${topicLabel(line)}`);

  out.push('', style.bold('Automatic replies per channel'));
  if (report.autoReplies.length === 0) out.push('  none');
  for (const line of report.autoReplies) {
    out.push(
      `  ${line.platform} ${line.channelId}: ${line.posted} posted, feedback ${line.up} up, ${line.down} down, ${line.removed} removed, ${line.solved} solved`,
    );
  }
  return out.join('\n');
}
