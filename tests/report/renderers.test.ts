import type { types } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderReportText } from '../../adapters/console/report.js';
import { renderDiscordReport } from '../../adapters/discord/render-report.js';
import { renderSlackReport } from '../../adapters/slack/render-report.js';
import { reportDocument } from '../../src/report/document.js';
import { buildReport } from '../../src/store/report.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';

/**
 * The report is one document: the terminal, Slack and Discord show the same title, the same sections
 * under the same headings in the same order, and the same rows in each, for the same store contents.
 */

let temporary: TemporaryStore;
let store: SqliteStore;
beforeEach(async () => {
  temporary = await temporarySqliteStore('careerbot-report-renderers-');
  store = temporary.store;
});
afterEach(async () => {
  await temporary.remove();
});

interface Shown {
  title: string;
  sections: { heading: string; lines: string[] }[];
}

function slackShown(document: Parameters<typeof renderSlackReport>[0]): Shown {
  const blocks = renderSlackReport(document).blocks as types.KnownBlock[];
  const header = blocks.find((block) => block.type === 'header') as types.HeaderBlock;
  const sections = blocks
    .filter((block): block is types.SectionBlock => block.type === 'section')
    .map((block) => {
      const [heading = '', ...lines] = (block.text?.text ?? '').split('\n');
      return { heading: heading.replace(/^\*(.*)\*$/, '$1'), lines };
    });
  return { title: header.text.text, sections };
}

function discordShown(document: Parameters<typeof renderDiscordReport>[0]): Shown {
  const [embed] = renderDiscordReport(document).embeds;
  return {
    title: embed?.title ?? '',
    sections: (embed?.fields ?? []).map((field) => ({ heading: field.name, lines: field.value.split('\n') })),
  };
}

function terminalShown(document: Parameters<typeof renderReportText>[0]): Shown {
  const [head = '', ...parts] = renderReportText(document).split('\n\n');
  return {
    title: head.split('\n')[0] ?? '',
    sections: parts.map((part) => {
      const [heading = '', ...lines] = part.split('\n');
      // A question's other wordings are lines of their own in the terminal.
      return { heading, lines: lines.filter((line) => !/^ +also: /.test(line)) };
    }),
  };
}

async function seed(): Promise<void> {
  await store.recordQuestion({
    text: 'how do i become a game developer',
    outcome: 'fallback',
    platform: 'slack',
    channelId: 'C1',
  });
  await store.recordQuestion({
    text: 'How do I become a game developer?',
    outcome: 'clarify',
    platform: 'discord',
    channelId: '9',
  });
  await store.recordQuestion({ text: 'which one is faster', outcome: 'clarify', platform: 'slack', channelId: 'C1' });
  await store.recordFeedback({ topicId: 'databases', vote: 'up', platform: 'slack' });
  await store.recordFeedback({ topicId: 'gone-topic', vote: 'down', platform: 'discord' });
  await store.recordAnswered('salary-india');
  await store.recordAnswered('salary-india');
  await store.recordAnswered('apis');
  await store.recordAutoReply({ platform: 'discord', channelId: '42', topicId: 'apis', kind: 'posted' });
  await store.recordAutoReply({ platform: 'slack', channelId: 'C7', topicId: 'apis', kind: 'posted' });
  await store.recordAutoReply({ platform: 'slack', channelId: 'C7', topicId: 'salary-india', kind: 'posted' });
  await store.recordAutoReply({ platform: 'slack', channelId: 'C7', topicId: 'apis', kind: 'solved' });
}

const titles: Record<string, string> = { databases: 'Databases', 'salary-india': 'Salaries in India', apis: 'APIs' };

describe('the report document, rendered three ways', () => {
  it('shows the same title, headings, order of sections and rows on the terminal, Slack and Discord', async () => {
    await seed();
    const document = reportDocument(await buildReport(store, { days: 7, titleOf: (id) => titles[id] }));
    const shown = [terminalShown(document), slackShown(document), discordShown(document)];

    for (const each of shown) {
      expect(each.title).toContain('Career FAQ report: last 7 days');
      expect(each.sections.map((section) => section.heading)).toEqual([
        'Questions I could not answer outright',
        'Feedback per topic',
        'Most asked topics',
        'Automatic replies per channel',
      ]);
    }
    // Each row names the same thing, in the same order, on every platform.
    const subjects = [
      [/game developer/, /which one is faster/],
      [/Databases.*databases/, /gone-topic.*no longer in the knowledge/],
      [/Salaries in India.*salary-india/, /APIs.*apis/],
      [/C7.*2 posted/, /42.*1 posted/],
    ];
    for (const each of shown) {
      each.sections.forEach((section, i) => {
        expect(section.lines).toHaveLength(subjects[i]!.length);
        section.lines.forEach((line, j) => expect(line).toMatch(subjects[i]![j]!));
      });
    }
    // The same figures: asked twice, answered twice, one solved.
    for (const each of shown) {
      expect(each.sections[0]!.lines[0]).toMatch(/2[x×] .*1 clarified, 1 not answered/);
      expect(each.sections[2]!.lines[0]).toMatch(/\b2 .*salary-india/);
      expect(each.sections[3]!.lines[0]).toMatch(/1 solved/);
    }
  });

  it('says "none" under every heading of an empty report, on every platform', async () => {
    const document = reportDocument(await buildReport(store, { days: 30 }));
    for (const each of [terminalShown(document), slackShown(document), discordShown(document)]) {
      expect(each.sections).toHaveLength(4);
      for (const section of each.sections) expect(section.lines.map((line) => line.replace(/[\s_*]/g, ''))).toEqual(['none']);
    }
  });
});
