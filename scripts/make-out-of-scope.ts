/**
 * Regenerates resources/out-of-scope/clinc150.txt: the built-in list of generic requests a FAQ bot should
 * not answer, used as the matcher's "none of these topics" class when a knowledge directory has
 * no out-of-scope.txt of its own.
 *
 * It takes up to 6 training phrasings of each CLINC150 intent (banking, travel, cooking, small
 * devices, small talk about the assistant...) plus CLINC150's out-of-scope train and validation
 * phrasings, skipping intents that overlap what a career FAQ answers (income, pay day, time off)
 * or that the bot handles as small talk (greetings, thanks, yes/no). Run: npx tsx scripts/make-out-of-scope.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const source = process.argv[2] ?? path.join(root, '../shared/datasets/clinc150/data_full.json');
const data = JSON.parse(readFileSync(source, 'utf8')) as Record<string, [string, string][]>;
const SKIP = new Set([
  'income',
  'payday',
  'direct_deposit',
  'w2',
  'taxes',
  'pto_balance',
  'pto_request',
  'pto_request_status',
  'pto_used',
  'greeting',
  'goodbye',
  'thank_you',
  'what_can_i_ask_you',
  'yes',
  'no',
  'maybe',
]);
const PER_INTENT = 6;
const byIntent = new Map<string, string[]>();
for (const [text, intent] of data.train ?? []) {
  if (SKIP.has(intent)) continue;
  const list = byIntent.get(intent) ?? [];
  if (list.length < PER_INTENT) list.push(text);
  byIntent.set(intent, list);
}
const lines = [...byIntent.keys()].sort().flatMap((intent) => byIntent.get(intent)!);
lines.push(...(data.oos_train ?? []).map(([text]) => text), ...(data.oos_val ?? []).map(([text]) => text));
const header = [
  '# Generic requests a career FAQ bot should not answer: the matcher learns them as "none of the topics".',
  '# From CLINC150 (Larson et al., "An Evaluation Dataset for Intent Classification and Out-of-Scope Prediction",',
  '# EMNLP 2019; github.com/clinc/oos-eval; CC BY 3.0): up to 6 training phrasings per intent, minus intents that',
  '# overlap a career FAQ or small talk, plus the out-of-scope train and validation phrasings.',
  '# Regenerate with scripts/make-out-of-scope.ts. A knowledge directory can bring its own out-of-scope.txt.',
];
writeFileSync(path.join(root, 'resources/out-of-scope/clinc150.txt'), [...header, ...new Set(lines)].join('\n') + '\n');
console.log(`wrote ${lines.length} phrasings to resources/out-of-scope/clinc150.txt`);
