import { normalizeKnowledgeText, stem, STOPWORDS } from '../text/normalize.js';
import type { Topic } from '../types.js';

/**
 * The built-in off-topic list (resources/out-of-scope/) is generic: banking, travel, cooking, small
 * devices. A community whose FAQ is about one of those would have the matcher learn its own questions
 * as "none of the topics". So, when the built-in list is used, a phrasing that resembles a topic's
 * sample questions or title is left out of the out-of-scope class. A community's own out-of-scope.txt
 * is used as it is: there, every line was chosen on purpose.
 */

/**
 * Left out at or above this token-set Jaccard similarity (content-word stems) to one sample question
 * or title. Chosen by measurement: on the career knowledge, 0.5 already drops one of the list's
 * deliberate near misses ("how long does it take to become an architect") and costs a career question
 * in npm run eval, while 0.55 drops none; on the bank FAQ of npm run eval:bank, 0.55 leaves out the
 * banking requests that repeat a topic's question in other words ("what is my interest rate").
 */
export const RESEMBLANCE_THRESHOLD = 0.55;

export interface OutOfScopeLeftOut {
  /** How many built-in phrasings were left out. */
  count: number;
  /** The topics they resembled, most resembled first, with how many phrasings each. */
  topics: { id: string; phrasings: number }[];
}

/** Content-word stems: the words that carry the topic, without function words. */
export function contentStems(text: string): Set<string> {
  const stems = new Set<string>();
  for (const token of normalizeKnowledgeText(text).tokens) if (!STOPWORDS.has(token)) stems.add(stem(token));
  return stems;
}

/** Token-set Jaccard similarity of two stem sets (0 when either is empty). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Sample {
  topic: string;
  stems: Set<string>;
}

/** For each phrasing, the topic it most resembles and how much (an inverted index keeps it fast on large FAQs). */
export function resemblance(
  phrasings: readonly string[],
  topics: readonly Pick<Topic, 'id' | 'title' | 'questions'>[],
): { topic: string | null; score: number }[] {
  const samples: Sample[] = [];
  const index = new Map<string, number[]>();
  for (const topic of topics) {
    for (const text of [topic.title, ...topic.questions]) {
      const stems = contentStems(text);
      if (stems.size === 0) continue;
      const id = samples.push({ topic: topic.id, stems }) - 1;
      for (const item of stems) {
        const list = index.get(item);
        if (list) list.push(id);
        else index.set(item, [id]);
      }
    }
  }
  // The walk over the postings counts each candidate's shared stems as it goes, so the Jaccard score is
  // one division per candidate instead of a set comparison (the same value as `jaccard`); candidates
  // are scored in the order they are first met, so ties resolve as before.
  const shared = new Int32Array(samples.length);
  const touched: number[] = [];
  return phrasings.map((phrasing) => {
    const stems = contentStems(phrasing);
    for (const item of stems) {
      const ids = index.get(item);
      if (ids === undefined) continue;
      for (const id of ids) {
        if (shared[id] === 0) touched.push(id);
        shared[id]! += 1;
      }
    }
    let best: { topic: string | null; score: number } = { topic: null, score: 0 };
    for (const id of touched) {
      const sample = samples[id]!;
      const common = shared[id]!;
      shared[id] = 0;
      const score = common / (stems.size + sample.stems.size - common);
      if (score > best.score) best = { topic: sample.topic, score };
    }
    touched.length = 0;
    return best;
  });
}

/**
 * How many times a left-out phrasing's neighbours are looked at. The built-in list holds several
 * phrasings of each generic request; once one of them resembles a topic, the others ("why is there a
 * hold on my checking account" next to "why is my account blocked") are the same request in other
 * words, so a phrasing that resembles a left-out phrasing is left out too.
 */
export const NEIGHBOUR_ROUNDS = 3;
/**
 * Left out at or above this Jaccard similarity to a left-out phrasing. Measured on npm run eval:bank
 * (with the matcher's out-of-scope share): 0.25 leaves out 184 of the list's phrasings instead of 31
 * (the banking requests and their neighbours), 54.7% to 65.8% answered right, off-topic declined 99.5%
 * to 99.0%; the career knowledge loses none, as no built-in phrasing resembles one of its topics.
 */
export const NEIGHBOUR_THRESHOLD = 0.25;

/** Split the built-in phrasings into those kept and a report of those left out. */
export function filterBuiltinOutOfScope(
  phrasings: readonly string[],
  topics: readonly Topic[],
  threshold = RESEMBLANCE_THRESHOLD,
): { kept: string[]; leftOut: OutOfScopeLeftOut } {
  const perTopic = new Map<string, number>();
  const topicOf = new Map<number, string>();
  resemblance(phrasings, topics).forEach(({ topic, score }, i) => {
    if (topic !== null && score >= threshold) topicOf.set(i, topic);
  });
  // A neighbour must still share a word with the topic itself, so that a chain of neighbours does not
  // drift from "freeze my account" to "how to become a doctor".
  const topicStems = new Map<string, Set<string>>();
  const stemsOf = (id: string): Set<string> => {
    let stems = topicStems.get(id);
    if (stems === undefined) {
      const topic = topics.find((t) => t.id === id)!;
      stems = new Set([topic.title, ...topic.questions].flatMap((q) => [...contentStems(q)]));
      topicStems.set(id, stems);
    }
    return stems;
  };
  let fresh = [...topicOf.keys()];
  for (let round = 0; round < NEIGHBOUR_ROUNDS && fresh.length > 0; round++) {
    const left = phrasings.map((_, i) => i).filter((i) => !topicOf.has(i));
    // Each newly left-out phrasing stands in for its topic, as a title without questions.
    const pseudo = fresh.map((i) => ({ id: topicOf.get(i)!, title: phrasings[i]!, questions: [] as string[] }));
    const next: number[] = [];
    resemblance(
      left.map((i) => phrasings[i]!),
      pseudo,
    ).forEach(({ topic, score }, j) => {
      if (topic === null || score < NEIGHBOUR_THRESHOLD) return;
      const own = stemsOf(topic);
      if (![...contentStems(phrasings[left[j]!]!)].some((item) => own.has(item))) return;
      next.push(left[j]!);
      topicOf.set(left[j]!, topic);
    });
    fresh = next;
  }
  const kept: string[] = [];
  phrasings.forEach((phrasing, i) => {
    const topic = topicOf.get(i);
    if (topic !== undefined) perTopic.set(topic, (perTopic.get(topic) ?? 0) + 1);
    else kept.push(phrasing);
  });
  const resembled = [...perTopic]
    .map(([id, count]) => ({ id, phrasings: count }))
    .sort((a, b) => b.phrasings - a.phrasings || a.id.localeCompare(b.id));
  return { kept, leftOut: { count: phrasings.length - kept.length, topics: resembled } };
}

/** The log line and `check` warning: how many, and which topics they resembled. */
export function describeLeftOut(leftOut: OutOfScopeLeftOut): string {
  const shown = leftOut.topics.slice(0, 10).map(({ id, phrasings }) => `${id} (${phrasings})`);
  const more = leftOut.topics.length > shown.length ? `, and ${leftOut.topics.length - shown.length} more` : '';
  return (
    `built-in off-topic phrasings left out: ${leftOut.count}, because they resemble topics ${shown.join(', ')}${more}; ` +
    `add an out-of-scope.txt to choose the off-topic list yourself`
  );
}
