import { REPORT_WORDS, type ReportDocument } from '../../src/report/document.js';
import { chatRow, chatSummary, type ChatMarkup } from '../shared/report-lines.js';
import { escapeText, quoted, truncate } from './markdown.js';
import { COLOR, fitEmbed, LIMITS, type DiscordMessage } from './render.js';

/** The report document (`/career-report`) as one embed: totals in the description, a field per section. */

const MARKUP: ChatMarkup = {
  text: escapeText,
  quote: (text) => quoted(text),
  code: (text) => `\`${text}\``,
  channel: (platform, channelId) => (platform === 'discord' ? `<#${channelId}>` : `${platform} \`${channelId}\``),
};

/** Lines that fit a field's value, whole lines only. */
function fieldValue(lines: string[]): string {
  if (lines.length === 0) return `*${REPORT_WORDS.none}*`;
  let value = '';
  for (const line of lines) {
    const next = value === '' ? line : `${value}\n${line}`;
    if (next.length > LIMITS.fieldValue) break;
    value = next;
  }
  return value === '' ? truncate(lines[0] ?? '', LIMITS.fieldValue) : value;
}

export function renderDiscordReport(document: ReportDocument): DiscordMessage {
  const embed = fitEmbed({
    color: COLOR,
    title: document.title,
    description: chatSummary(document, '\n'),
    fields: document.sections.map((section) => ({
      name: section.heading,
      value: fieldValue(section.rows.map((row) => chatRow(row, MARKUP))),
    })),
  });
  return { embeds: [embed], components: [] };
}
