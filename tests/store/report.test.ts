import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport, contentTokens, groupQuestions, jaccard, SIMILARITY_THRESHOLD } from '../../src/store/report.js';
import type { SqliteStore } from '../../src/store/sqlite.js';
import type { StoredQuestion } from '../../src/store/store.js';
import { temporarySqliteStore, type TemporaryStore } from '../support/store.js';

/** The report's contents: similar questions grouped, feedback per topic, most asked topics, within the period. */

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 21, 9, 0, 0);

let temporary: TemporaryStore;
let store: SqliteStore;
beforeEach(async () => {
  temporary = await temporarySqliteStore('careerbot-report-', { now: () => NOW });
  store = temporary.store;
});
afterEach(async () => {
  await temporary.remove();
});

let nextId = 1;
function asked(text: string, outcome: 'clarify' | 'fallback' = 'fallback', at = NOW): StoredQuestion {
  return { id: nextId++, text, outcome, at, platform: 'slack', channelId: 'C1' };
}

describe('grouping by similarity', () => {
  it.each([
    ['how do i become a game developer', 'How do I become a GAME developer?', true],
    ['how do i become a game developer', 'becoming a game developer, how?', true],
    ['how do i become a game developer', 'what is the weather in paris', false],
    ['is rust good for backend', 'is rust good for backends', true],
    ['is rust good for backend', 'is go good for backend', false],
  ])('"%s" ~ "%s": %s', (a, b, similar) => {
    expect(jaccard(contentTokens(a), contentTokens(b)) >= SIMILARITY_THRESHOLD).toBe(similar);
  });

  it('groups the same and similar wordings, most frequent first, with counts per outcome and variants', () => {
    const groups = groupQuestions([
      asked('what is the weather in paris', 'fallback', NOW - 3 * DAY),
      asked('How do I become a game developer?', 'fallback', NOW - 2 * DAY),
      asked('how do i become a game developer', 'clarify', NOW - DAY),
      asked('how do i become a game developer', 'fallback', NOW - DAY),
      asked('becoming a game developer, how?', 'clarify', NOW),
      asked('is rust good for backend', 'clarify', NOW - DAY),
      asked('is rust good for backends?', 'clarify', NOW - 2 * DAY),
    ]);
    expect(groups).toEqual([
      {
        text: 'how do i become a game developer',
        count: 4,
        outcomes: { clarify: 2, fallback: 2 },
        variants: ['becoming a game developer, how?', 'How do I become a game developer?'].sort((a, b) => a.localeCompare(b)),
        lastAt: NOW,
      },
      {
        text: 'is rust good for backend',
        count: 2,
        outcomes: { clarify: 2, fallback: 0 },
        variants: ['is rust good for backends?'],
        lastAt: NOW - DAY,
      },
      {
        text: 'what is the weather in paris',
        count: 1,
        outcomes: { clarify: 0, fallback: 1 },
        variants: [],
        lastAt: NOW - 3 * DAY,
      },
    ]);
  });

  it('returns no groups for no questions', () => {
    expect(groupQuestions([])).toEqual([]);
  });
});

describe('buildReport', () => {
  it('reports the period: grouped questions, feedback per topic, most asked topics and totals', async () => {
    const q = (text: string, outcome: 'clarify' | 'fallback', at = NOW) =>
      store.recordQuestion({ text, outcome, at, platform: 'discord', channelId: 'C9' });
    await q('how do i become a game developer', 'fallback');
    await q('How do I become a game developer?', 'fallback', NOW - DAY);
    await q('which database first', 'clarify', NOW - 2 * DAY);
    await q('too old to count', 'fallback', NOW - 8 * DAY);
    for (const vote of ['up', 'up', 'down'] as const)
      await store.recordFeedback({ topicId: 'databases', vote, platform: 'slack' });
    await store.recordFeedback({ topicId: 'gone-topic', vote: 'down', platform: 'slack' });
    await store.recordFeedback({ topicId: 'apis', vote: 'up', platform: 'slack', at: NOW - 9 * DAY });
    for (let i = 0; i < 3; i++) await store.recordAnswered('salary-india');
    await store.recordAnswered('databases', NOW - DAY);
    await store.recordAnswered('apis', NOW - 20 * DAY);
    await store.recordModeratorLink({ topicId: 'databases', moderatorId: 'U1', platform: 'slack', text: 'db?', learn: true });

    const titles: Record<string, string> = { databases: 'Databases', 'salary-india': 'Salary in India', apis: 'APIs' };
    const report = await buildReport(store, { days: 7, now: NOW, titleOf: (id) => titles[id] });
    expect(report).toEqual({
      days: 7,
      since: NOW - 7 * DAY,
      until: NOW,
      totals: {
        unanswered: 2,
        clarified: 1,
        answered: 4,
        feedbackUp: 2,
        feedbackDown: 2,
        moderatorLinks: 1,
        learnedPhrasings: 1,
      },
      questions: [
        expect.objectContaining({
          text: expect.stringMatching(/game developer/i),
          count: 2,
          outcomes: { clarify: 0, fallback: 2 },
        }),
        expect.objectContaining({ text: 'which database first', count: 1, outcomes: { clarify: 1, fallback: 0 } }),
      ],
      feedback: [
        { topicId: 'databases', title: 'Databases', up: 2, down: 1 },
        { topicId: 'gone-topic', title: undefined, up: 0, down: 1 },
      ],
      topics: [
        { topicId: 'salary-india', title: 'Salary in India', count: 3 },
        { topicId: 'databases', title: 'Databases', count: 1 },
      ],
      autoReplies: [],
    });
  });

  it('defaults to 30 days, keeps days within 1 to 3650, and cuts each section to the limit', async () => {
    for (let i = 0; i < 15; i++) {
      await store.recordQuestion({
        text: `unique question number ${i} about topic${i}`,
        outcome: 'fallback',
        platform: 'slack',
        channelId: null,
      });
    }
    const report = await buildReport(store, { now: NOW });
    expect(report.days).toBe(30);
    expect(report.questions).toHaveLength(10);
    expect((await buildReport(store, { now: NOW, days: 0 })).days).toBe(1);
    expect((await buildReport(store, { now: NOW, days: 99_999 })).days).toBe(3650);
    expect((await buildReport(store, { now: NOW, limit: 3 })).questions).toHaveLength(3);
  });
});
