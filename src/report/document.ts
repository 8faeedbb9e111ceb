import type { Platform } from '../store/store.js';
import type { Report } from '../store/report.js';

/**
 * The moderators' report as one neutral document: a title, the totals, and ordered sections, each
 * with its heading and rows. Headings and wording live here once; the terminal, Slack and Discord
 * only render it (their own emphasis, quoting, mentions and limits), never compose it.
 */

export interface Votes {
  up: number;
  down: number;
}

/** One figure in words ("3 answered"), or the votes (each platform shows them its own way). */
export type Fact = string | Votes;

/** What a row is about. Plain data: a renderer quotes, escapes or links it. */
export type RowSubject =
  /** People's words (the most frequent wording), with other wordings of the same question. */
  | { kind: 'question'; text: string; also: string[]; lastAt: number }
  /** A topic; `title` is undefined when the topic is no longer in the knowledge. */
  | { kind: 'topic'; topicId: string; title: string | undefined }
  | { kind: 'channel'; platform: Platform; channelId: string };

export interface ReportRow {
  /** The figure the row leads with: how often (asked, answered), or the votes. */
  lead?: { kind: 'count'; count: number } | { kind: 'votes'; votes: Votes };
  subject: RowSubject;
  /** The row's figures, in order. */
  facts: Fact[];
}

export type SectionId = 'questions' | 'feedback' | 'topics' | 'auto-replies';

export interface ReportSection {
  id: SectionId;
  heading: string;
  /** Ranked rows (the terminal numbers them). */
  ranked: boolean;
  rows: ReportRow[];
}

export interface ReportDocument {
  title: string;
  days: number;
  since: number;
  until: number;
  /** The totals, in groups of related figures. */
  summary: Fact[][];
  sections: ReportSection[];
}

/** The few words a renderer adds around the data; shown the same on every platform. */
export const REPORT_WORDS = {
  /** A section without rows. */
  none: 'none',
  /** Before a question's other wordings. */
  also: 'also',
  /** Before the date a question was last asked. */
  last: 'last',
  /** After a topic id that is no longer in the knowledge. */
  removedTopic: 'no longer in the knowledge',
} as const;

export const REPORT_HEADINGS: Record<SectionId, string> = {
  questions: 'Questions I could not answer outright',
  feedback: 'Feedback per topic',
  topics: 'Most asked topics',
  'auto-replies': 'Automatic replies per channel',
};

function topicSubject(line: { topicId: string; title: string | undefined }): RowSubject {
  return { kind: 'topic', topicId: line.topicId, title: line.title };
}

export function reportDocument(report: Report): ReportDocument {
  const { totals } = report;
  return {
    title: `Career FAQ report: last ${report.days} days`,
    days: report.days,
    since: report.since,
    until: report.until,
    summary: [
      [`${totals.answered} answered`, `${totals.clarified} clarified ("Did you mean")`, `${totals.unanswered} not answered`],
      [{ up: totals.feedbackUp, down: totals.feedbackDown }],
      [`${totals.moderatorLinks} moderator links`],
      [`${totals.learnedPhrasings} learned phrasings not yet exported`],
    ],
    sections: [
      {
        id: 'questions',
        heading: REPORT_HEADINGS.questions,
        ranked: true,
        rows: report.questions.map((group) => ({
          lead: { kind: 'count', count: group.count },
          subject: { kind: 'question', text: group.text, also: group.variants, lastAt: group.lastAt },
          facts: [`${group.outcomes.clarify} clarified, ${group.outcomes.fallback} not answered`],
        })),
      },
      {
        id: 'feedback',
        heading: REPORT_HEADINGS.feedback,
        ranked: false,
        rows: report.feedback.map((line) => ({
          lead: { kind: 'votes', votes: { up: line.up, down: line.down } },
          subject: topicSubject(line),
          facts: [],
        })),
      },
      {
        id: 'topics',
        heading: REPORT_HEADINGS.topics,
        ranked: false,
        rows: report.topics.map((line) => ({
          lead: { kind: 'count', count: line.count },
          subject: topicSubject(line),
          facts: [],
        })),
      },
      {
        id: 'auto-replies',
        heading: REPORT_HEADINGS['auto-replies'],
        ranked: false,
        rows: report.autoReplies.map((line) => ({
          subject: { kind: 'channel', platform: line.platform, channelId: line.channelId },
          facts: [`${line.posted} posted`, { up: line.up, down: line.down }, `${line.removed} removed`, `${line.solved} solved`],
        })),
      },
    ],
  };
}
