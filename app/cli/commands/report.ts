import { renderReportText } from '../../../adapters/console/report.js';
import { checkKnowledge } from '../../../src/knowledge/load.js';
import { reportDocument } from '../../../src/report/document.js';
import { buildReport, DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from '../../../src/store/report.js';
import type { Config } from '../../config.js';
import { usageError, type Command } from './command.js';
import { withExistingStore } from './store.js';

export function parseDays(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_REPORT_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS) {
    throw usageError(`--days must be a whole number from 1 to ${MAX_REPORT_DAYS} (got "${raw}")`);
  }
  return days;
}

async function titles(config: Config): Promise<(topicId: string) => string | undefined> {
  // The report is useful even while the knowledge has errors: then it shows ids only.
  const check = await checkKnowledge(config.knowledgeDir).catch(() => null);
  return (topicId) => check?.knowledge?.byId.get(topicId)?.title;
}

/** `careerbot report`: what the bot could not answer, feedback, most asked topics (issue 7). */
export const report: Command = {
  name: 'report',
  usage: [['report [--days N]', 'questions the bot could not answer (grouped), feedback per topic, most asked topics']],
  options: {
    days: { type: 'string', value: 'N', help: `the last N days (default ${DEFAULT_REPORT_DAYS})` },
    json: { type: 'boolean', help: 'print the report as JSON' },
  },
  async run(ctx) {
    const days = parseDays(typeof ctx.values.days === 'string' ? ctx.values.days : undefined);
    const titleOf = await titles(ctx.config);
    const result = await withExistingStore(ctx.config, (store) => buildReport(store, { days, titleOf }));
    ctx.out(ctx.values.json === true ? JSON.stringify(result, null, 2) : renderReportText(reportDocument(result), ctx.style));
    return 0;
  },
};
