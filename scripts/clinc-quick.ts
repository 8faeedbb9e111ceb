// Scratch: iterate on the matcher with CLINC150 train -> val.
import { readFileSync } from 'node:fs';
import { Matcher } from '../src/matcher/matcher.js';
import type { KnowledgeBase, Topic } from '../src/types.js';
const data = JSON.parse(readFileSync('../shared/datasets/clinc150/data_full.json', 'utf8')) as Record<string, [string, string][]>;
const byIntent = new Map<string, string[]>();
for (const [text, intent] of data.train!) (byIntent.get(intent) ?? byIntent.set(intent, []).get(intent)!).push(text);
const topics: Topic[] = [...byIntent].map(([id, questions]) => ({
  id,
  title: id.replace(/_/g, ' '),
  questions,
  keywords: [],
  related: [],
  sources: [],
  body: 'x',
  file: id,
}));
const kb: KnowledgeBase = { dir: '', topics, byId: new Map(topics.map((t) => [t.id, t])) };
const opts = JSON.parse(process.argv[2] ?? '{}');
let t = performance.now();
const m = new Matcher(kb, { titleWeight: 0, ...opts });
console.log('build ms', (performance.now() - t).toFixed(0), 'features', m.featureCount);
const split = process.argv[3] ?? 'val';
const ins = data[split]!,
  oos = data['oos_' + split]!;
t = performance.now();
const inRes = ins.map(([q, intent]) => ({ intent, a: m.analyze(q) }));
const oosRes = oos.map(([q]) => ({ a: m.analyze(q) }));
const ms = (performance.now() - t) / (ins.length + oos.length);
console.log('ms/query', ms.toFixed(3));
const top = (s: Float64Array) => {
  let b = 0;
  for (let i = 1; i < s.length; i++) if (s[i]! > s[b]!) b = i;
  return b;
};
const acc = inRes.filter((r) => topics[top(r.a.scores.probabilities)]!.id === r.intent).length / ins.length;
console.log('raw top1', (acc * 100).toFixed(2));
// sweep thresholds on prob and sim
for (const key of ['probabilities', 'similarities'] as const) {
  for (const th of [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) {
    const okIn =
      inRes.filter((r) => {
        const b = top(r.a.scores.probabilities);
        return topics[b]!.id === r.intent && r.a.scores[key][b]! >= th;
      }).length / ins.length;
    const rej =
      oosRes.filter((r) => {
        const b = top(r.a.scores.probabilities);
        return r.a.scores[key][b]! < th;
      }).length / oos.length;
    console.log(key, th, (okIn * 100).toFixed(1), (rej * 100).toFixed(1));
  }
}
