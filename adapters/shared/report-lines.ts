import type { Fact, ReportDocument, ReportRow, RowSubject, Votes } from '../../src/report/document.js';
import { REPORT_WORDS } from '../../src/report/document.js';

/**
 * The report document's rows as chat lines, the same on Slack and Discord: each platform passes
 * its own markup (escaping, quoting, channel mentions) and its own container (blocks, embed fields).
 */

export interface ChatMarkup {
  /** Text from the store or the knowledge, escaped for the platform. */
  text(text: string): string;
  /** Words people wrote, cut and quoted. */
  quote(text: string): string;
  /** An identifier in a code span. */
  code(text: string): string;
  /** A channel: a mention on its own platform, its id otherwise. */
  channel(platform: string, channelId: string): string;
}

export function chatVotes(votes: Votes): string {
  return `👍 ${votes.up} 👎 ${votes.down}`;
}

export function chatFacts(facts: readonly Fact[]): string {
  return facts.map((fact) => (typeof fact === 'string' ? fact : chatVotes(fact))).join(' · ');
}

/** The totals line(s): the first group on its own, the rest together. */
export function chatSummary(document: ReportDocument, groupSeparator: string): string {
  const [first = [], ...rest] = document.summary;
  return [chatFacts(first), chatFacts(rest.flat())].filter((part) => part !== '').join(groupSeparator);
}

function subjectText(subject: RowSubject, markup: ChatMarkup): string {
  switch (subject.kind) {
    case 'question': {
      const also =
        subject.also.length > 0 ? ` (${REPORT_WORDS.also} ${subject.also.map((text) => markup.quote(text)).join(', ')})` : '';
      return `${markup.quote(subject.text)}${also}`;
    }
    case 'topic':
      return subject.title === undefined
        ? `${markup.code(subject.topicId)} (${REPORT_WORDS.removedTopic})`
        : `${markup.text(subject.title)} ${markup.code(subject.topicId)}`;
    case 'channel':
      return markup.channel(subject.platform, subject.channelId);
  }
}

function leadText(row: ReportRow): string {
  if (!row.lead) return '';
  if (row.lead.kind === 'votes') return `${chatVotes(row.lead.votes)}  `;
  // "2× “words”": asked twice; "2  Topic": answered twice.
  return row.subject.kind === 'question' ? `${row.lead.count}× ` : `${row.lead.count}  `;
}

/** One row as one line, without a bullet. */
export function chatRow(row: ReportRow, markup: ChatMarkup): string {
  const facts = row.facts.length > 0 ? `: ${chatFacts(row.facts)}` : '';
  return `${leadText(row)}${subjectText(row.subject, markup)}${facts}`;
}
