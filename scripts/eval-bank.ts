/**
 * `npm run eval:bank`: does the built-in off-topic list fight a community's own domain?
 *
 * Builds a bank FAQ the way a community would write one: CLINC150's 15 banking-domain intents
 * (Larson et al., "An Evaluation Dataset for Intent Classification and Out-of-Scope Prediction",
 * EMNLP 2019; CC BY 3.0), 12 training phrasings per topic, a short answer, and no out-of-scope.txt, so
 * the built-in list applies. The phrasings are taken from the end of each intent's training rows, so
 * none of them is one of the built-in list's own lines (those come from the start). It loads the
 * directory through the real loader and matcher and prints: the share of those intents' test phrasings
 * answered with the right topic, the share of CLINC150's out-of-scope test phrasings declined (any
 * outcome but an answer), and how many built-in off-topic phrasings the loader left out.
 *
 * Options: --data FILE (default ../shared/datasets/clinc150/data_full.json), --threshold X (the
 * resemblance threshold, for measurement; default the loader's), --keep (leave the temp dir).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { loadKnowledge } from '../src/knowledge/load.js';
import { RESEMBLANCE_THRESHOLD } from '../src/knowledge/out-of-scope.js';
import { Matcher } from '../src/matcher/matcher.js';
import { DEFAULT_DATA, runSplit, topicIdFor, type Clinc } from './eval-clinc.js';

/** CLINC150's banking domain (its domains list). */
export const BANK_INTENTS = [
  'transfer',
  'transactions',
  'balance',
  'freeze_account',
  'pay_bill',
  'bill_balance',
  'bill_due',
  'interest_rate',
  'routing',
  'min_payment',
  'order_checks',
  'pin_change',
  'report_fraud',
  'account_blocked',
  'spending_history',
];
const PHRASINGS_PER_TOPIC = 12;

/** Writes the bank FAQ into `dir`: one topic per intent, no out-of-scope.txt. */
export function writeBankKnowledge(data: Clinc, dir: string): void {
  for (const intent of BANK_INTENTS) {
    const rows = data.train.filter(([, label]) => label === intent).map(([text]) => text);
    const questions = rows.slice(-PHRASINGS_PER_TOPIC);
    const title = intent.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    const body = `${title}: open the app, choose **Accounts**, then **${title}**; or call us on 0800 000 000.`;
    writeFileSync(path.join(dir, `${topicIdFor(intent)}.md`), `---\n${stringify({ title, questions })}---\n${body}\n`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, threshold: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const file = values.data ?? DEFAULT_DATA;
  let data: Clinc;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as Clinc;
  } catch (error) {
    console.error(`eval:bank: cannot read CLINC150 data at ${file}: ${(error as Error).message} (pass --data FILE)`);
    process.exitCode = 1;
    return;
  }
  const threshold = values.threshold === undefined ? RESEMBLANCE_THRESHOLD : Number(values.threshold);
  if (!Number.isFinite(threshold)) {
    console.error('eval:bank: --threshold must be a number, e.g. 0.5');
    process.exitCode = 2;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'careerbot-bank-'));
  try {
    writeBankKnowledge(data, dir);
    const { knowledge, outOfScopeLeftOut } = await loadKnowledge(dir, { outOfScopeThreshold: threshold });
    const matcher = new Matcher(knowledge);
    const intents = new Set(BANK_INTENTS);
    const result = runSplit(
      matcher,
      data.test.filter(([, intent]) => intents.has(intent)),
      data.oos_test,
    );
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const leftOut = outOfScopeLeftOut?.count ?? 0;
    console.log(
      `bank FAQ (${knowledge.topics.length} topics x ${PHRASINGS_PER_TOPIC} phrasings, built-in off-topic list, threshold ${threshold}):`,
    );
    console.log(`  answered right: ${pct(result.inScopeAccuracy)} of ${data.test.filter(([, i]) => intents.has(i)).length}`);
    console.log(`  off-topic declined: ${pct(result.outOfScopeRecall)} of ${data.oos_test.length}`);
    console.log(
      `  built-in off-topic phrasings left out: ${leftOut} of ${leftOut + knowledge.outOfScope.length}` +
        (outOfScopeLeftOut && leftOut > 0
          ? ` (${outOfScopeLeftOut.topics.map(({ id, phrasings }) => `${id} ${phrasings}`).join(', ')})`
          : ''),
    );
    console.log('  targets: >= 85% answered right, >= 60% declined');
  } finally {
    if (values.keep) console.log(`  knowledge kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
