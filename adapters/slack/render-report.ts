import type { types } from '@slack/bolt';
import { REPORT_WORDS, type ReportDocument } from '../../src/report/document.js';
import { chatRow, chatSummary, type ChatMarkup } from '../shared/report-lines.js';
import { escapeMrkdwn, quoted, truncate } from './escape.js';
import { LIMITS } from './blocks.js';
import { packSections } from './mrkdwn.js';
import { type SlackMessage } from './render.js';

/** The report document (`/career report`) as Block Kit: a header, the totals, and a section per part. */

const MARKUP: ChatMarkup = {
  text: escapeMrkdwn,
  quote: quoted,
  code: (text) => `\`${escapeMrkdwn(text)}\``,
  channel: (platform, channelId) =>
    platform === 'slack' ? `<#${escapeMrkdwn(channelId)}>` : `${platform} \`${escapeMrkdwn(channelId)}\``,
};

function sections(title: string, lines: string[]): types.KnownBlock[] {
  const body = lines.length > 0 ? lines.join('\n') : `_${REPORT_WORDS.none}_`;
  return packSections([`*${escapeMrkdwn(title)}*\n${body}`]).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text, verbatim: true },
  }));
}

export function renderSlackReport(document: ReportDocument): SlackMessage {
  const summary = chatSummary(document, ' · ');
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(document.title, LIMITS.headerText) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: summary, verbatim: true }] },
    ...document.sections.flatMap((section) =>
      sections(
        section.heading,
        section.rows.map((row) => `• ${chatRow(row, MARKUP)}`),
      ),
    ),
  ];
  return { text: `${document.title}: ${summary}`, blocks: blocks.slice(0, LIMITS.blocks) };
}
