import type { Fact, ReportDocument, ReportRow, RowSubject } from '../../src/report/document.js';
import { REPORT_WORDS } from '../../src/report/document.js';
import { PLAIN, type TerminalStyle } from './render.js';

/** `careerbot report` in the terminal: the report document as plain text, ANSI emphasis when supported. */

function day(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function facts(list: readonly Fact[]): string {
  return list.map((fact) => (typeof fact === 'string' ? fact : `feedback ${fact.up} up, ${fact.down} down`)).join(', ');
}

function subjectText(subject: RowSubject): string {
  switch (subject.kind) {
    case 'question':
      return `"${subject.text}"`;
    case 'topic':
      return subject.title === undefined
        ? `${subject.topicId} (${REPORT_WORDS.removedTopic})`
        : `${subject.title} (${subject.topicId})`;
    case 'channel':
      return `${subject.platform} ${subject.channelId}`;
  }
}

function rowLines(row: ReportRow, rank: number | undefined, style: TerminalStyle): string[] {
  const prefix = rank === undefined ? '  ' : `${String(rank).padStart(3)}. `;
  let lead = '';
  if (row.lead?.kind === 'votes') lead = `+${row.lead.votes.up} -${row.lead.votes.down}  `;
  else if (row.lead) lead = row.subject.kind === 'question' ? `${row.lead.count}x  ` : `${String(row.lead.count).padStart(5)}  `;
  const { subject } = row;
  if (subject.kind === 'question') {
    const detail = style.dim(`(${facts(row.facts)}; ${REPORT_WORDS.last} ${day(subject.lastAt)})`);
    return [
      `${prefix}${lead}${subjectText(subject)}  ${detail}`,
      ...subject.also.map((text) => `        ${REPORT_WORDS.also}: "${text}"`),
    ];
  }
  return [`${prefix}${lead}${subjectText(subject)}${row.facts.length > 0 ? `: ${facts(row.facts)}` : ''}`];
}

export function renderReportText(document: ReportDocument, style: TerminalStyle = PLAIN): string {
  const out: string[] = [
    style.bold(`${document.title}, ${day(document.since)} to ${day(document.until)}`),
    document.summary.map(facts).join('; '),
  ];
  for (const section of document.sections) {
    out.push('', style.bold(section.heading));
    if (section.rows.length === 0) out.push(`  ${REPORT_WORDS.none}`);
    section.rows.forEach((row, i) => out.push(...rowLines(row, section.ranked ? i + 1 : undefined, style)));
  }
  return out.join('\n');
}
