import { stemmer } from 'stemmer';
import { resourceLines } from './resources.js';

/**
 * Text normalisation shared by the knowledge loader (duplicate detection) and the matcher.
 * Pure functions over strings: they never throw, whatever the input.
 */

// Invisible characters inside a word (soft hyphen, zero-width joiners, word joiner, bidi marks, BOM):
// removed, so "sal\u00ADary" is still "salary".
const JOINERS = /[\u00ad\u061c\u180e\u200c-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;
// Control characters and the zero-width space separate words: replaced by a space.
const SEPARATORS = /[\u0000-\u001f\u007f-\u009f\u200b]/gu;

/**
 * A rewrite rule: pattern, replacement, and literals of which every match contains one. A text with
 * none of them is left as it is without running the pattern: most texts need none of the ~20 rules,
 * and the knowledge's ~2,500 texts are normalised at every start, before the JIT has compiled much.
 */
type Rule = readonly [pattern: RegExp, replacement: string, needs: readonly string[]];

/** Technology names whose punctuation carries meaning; rewritten before punctuation is dropped. */
const SYMBOL_TERMS: readonly Rule[] = [
  [/c\+\+/g, ' cpp ', ['c++']],
  [/c#/g, ' csharp ', ['c#']],
  [/f#/g, ' fsharp ', ['f#']],
  [/(^|[^a-z0-9])\.net\b/g, '$1 dotnet ', ['.net']],
  [/\b([a-z]+)\.js\b/g, ' $1js ', ['.js']],
  [/\bnode\s+js\b/g, ' nodejs ', ['node']],
];

/** Multi-word spelling variants folded to one token. */
const PHRASES: readonly Rule[] = [
  [/\bback\s*-?\s*ends?\b/g, 'backend', ['back']],
  [/\bfront\s*-?\s*ends?\b/g, 'frontend', ['front']],
  [/\bfull\s*-?\s*stack\b/g, 'fullstack', ['full']],
  [/\bopen\s*-?\s*source\b/g, 'opensource', ['open']],
  [/\bweb\s*-?\s*sites?\b/g, 'website', ['web']],
  [/\bdata\s*-?\s*bases?\b/g, 'database', ['data']],
  [/\bdev\s*-?\s*ops\b/g, 'devops', ['dev']],
  [/\bboot\s*-?\s*camps?\b/g, 'bootcamp', ['boot']],
  // "fe vs be", "be dev", "fe roles": frontend and backend, only where "be" cannot be the verb.
  [/\bfe\s+(vs|or|and|to|ya|aur)\s+be\b/g, 'frontend $1 backend', ['fe']],
  [/\bbe\s+(vs|or)\s+fe\b/g, 'backend $1 frontend', ['fe']],
  [/\bfe\s+(devs?|developers?|engineers?|engg|roles?|jobs?)\b/g, 'frontend $1', ['fe']],
  [/\bbe\s+(devs?|developers?|engineers?|engg|roles?|jobs?)\b/g, 'backend $1', ['be']],
  // Levels written as one word: "sde1", "l4", "sde-2".
  [/\b(sde|swe)\s?([1-4])\b/g, '$1 $2', ['sde', 'swe']],
  [/\b(?:hld|lld)\b/g, 'system design', ['hld', 'lld']],
  [/\bsys\s+design\b/g, 'system design', ['sys']],
  // "in the US", "the U.S.": the country, not the pronoun (punctuation is already gone here).
  [/\b(in|the|for)\s+(?:the\s+)?u\s?s\b/g, '$1 usa', ['u']],
];

/** `text` with `rules` applied in order (read by index: destructuring is slow before the JIT). */
function rewrite(text: string, rules: readonly Rule[]): string {
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const needs = rule[2];
    for (let n = 0; n < needs.length; n++) {
      if (text.includes(needs[n]!)) {
        text = text.replace(rule[0], rule[1]);
        break;
      }
    }
  }
  return text;
}

/**
 * Common chat abbreviations, expanded token by token. Maps, not object literals: a word looked up in an
 * object also finds Object.prototype's members ("constructor" was "expanded" to a function and threw).
 */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    dev: 'developer',
    devs: 'developers',
    developper: 'developer',
    db: 'database',
    dbs: 'databases',
    js: 'javascript',
    ts: 'typescript',
    py: 'python',
    k8s: 'kubernetes',
    lang: 'language',
    langs: 'languages',
    prog: 'programming',
    yrs: 'years',
    yr: 'year',
    exp: 'experience',
    uni: 'university',
    sal: 'salary',
    u: 'you',
    ur: 'your',
    r: 'are',
    pls: 'please',
    plz: 'please',
    thx: 'thanks',
    ty: 'thanks',
    tysm: 'thanks',
    abt: 'about',
    bc: 'because',
    w: 'with',
    wat: 'what',
    wht: 'what',
    hw: 'how',
    shud: 'should',
    wanna: 'want to',
    gonna: 'going to',
    info: 'information',
    reqs: 'requirements',
    req: 'requirement',
    mgmt: 'management',
    sec: 'security',
    perf: 'performance',
    vcs: 'version control',
    sde: 'software development engineer',
    swe: 'software engineer',
    ppl: 'people',
    engg: 'engineering',
    engr: 'engineer',
    sr: 'senior',
    jr: 'junior',
    mgr: 'manager',
    infra: 'infrastructure',
    eli5: 'explain simply',
    ror: 'ruby on rails',
    pkg: 'package',
  }),
);

/**
 * Romanised Hindi (Hinglish) words, read as the English words they stand for, so that "salary kitni
 * milti hai" is matched like "how much salary get is". Mostly function words and a few common verbs
 * and nouns; words that are also English words with another meaning ("log", "kam", "par") are left out.
 */
const HINGLISH: ReadonlyMap<string, string> = new Map(
  Object.entries({
    kya: 'what',
    kyaa: 'what',
    hai: 'is',
    hain: 'are',
    h: 'is',
    ho: 'is',
    hu: 'am',
    hoon: 'am',
    tha: 'was',
    thi: 'was',
    hota: 'is',
    hoti: 'is',
    hote: 'are',
    kaise: 'how',
    kaisa: 'how',
    kaisi: 'how',
    kese: 'how',
    kitni: 'how much',
    kitna: 'how much',
    kitne: 'how many',
    ki: 'of',
    ke: 'of',
    ka: 'of',
    ko: 'to',
    se: 'from',
    mein: 'in',
    mai: 'in',
    pe: 'on',
    aur: 'and',
    ya: 'or',
    bhi: 'also',
    nahi: 'not',
    nahin: 'not',
    nai: 'not',
    bina: 'without',
    sirf: 'only',
    bahut: 'very',
    zyada: 'more',
    jyada: 'more',
    kaun: 'which',
    kaunsa: 'which',
    kaunsi: 'which',
    kaunse: 'which',
    konsa: 'which',
    konsi: 'which',
    konse: 'which',
    kab: 'when',
    kyun: 'why',
    kyu: 'why',
    kahan: 'where',
    kaha: 'where',
    agar: 'if',
    phir: 'then',
    toh: 'so',
    lekin: 'but',
    par: 'but',
    mujhe: 'me',
    mera: 'my',
    meri: 'my',
    mere: 'my',
    main: 'i',
    hum: 'we',
    aap: 'you',
    tum: 'you',
    koi: 'any',
    kuch: 'some',
    sab: 'all',
    wala: 'one',
    wali: 'one',
    wale: 'ones',
    walo: 'ones',
    accha: 'good',
    acha: 'good',
    ache: 'good',
    achi: 'good',
    acche: 'good',
    acchi: 'good',
    achha: 'good',
    theek: 'okay',
    thik: 'okay',
    sahi: 'right',
    bhai: 'bro',
    yaar: 'bro',
    chahiye: 'need',
    chaiye: 'need',
    zaroori: 'necessary',
    jaruri: 'necessary',
    zaruri: 'necessary',
    seekhu: 'learn',
    seekhun: 'learn',
    seekhna: 'learn',
    seekhe: 'learn',
    seekhne: 'learn',
    sikhu: 'learn',
    sikhna: 'learn',
    sikhe: 'learn',
    padhu: 'study',
    padhna: 'study',
    padhai: 'study',
    banu: 'become',
    bane: 'become',
    banna: 'become',
    banne: 'become',
    banta: 'become',
    karu: 'do',
    karun: 'do',
    karna: 'do',
    karni: 'do',
    kare: 'do',
    karte: 'do',
    karta: 'do',
    karti: 'do',
    milegi: 'get',
    milega: 'get',
    milti: 'get',
    milta: 'get',
    milte: 'get',
    mile: 'get',
    milna: 'get',
    kaam: 'work',
    naukri: 'job',
    naukari: 'job',
    paisa: 'money',
    paise: 'money',
    kamai: 'earning',
    kamata: 'earns',
    kamate: 'earn',
    samjhao: 'explain',
    samjhado: 'explain',
    batao: 'tell',
    bataiye: 'tell',
    matlab: 'meaning',
    fark: 'difference',
    farak: 'difference',
    shuru: 'start',
    pehle: 'first',
    baad: 'after',
    abhi: 'now',
    saal: 'years',
    mahina: 'month',
    mahine: 'month',
    lu: 'take',
    lun: 'take',
    lena: 'take',
    sakta: 'can',
    sakti: 'can',
    sakte: 'can',
    padega: 'must',
    padta: 'must',
    chalega: 'works',
  }),
);

/** Function words that carry no topic on their own: used for coverage, not for features. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then so of to in on at by for from with about as into over under is are was were be been being ' +
    'am do does did doing have has had having i me my mine we us our you your yours he she it its they them their this that ' +
    'these those there here what which who whom whose when where why how can could would should will shall may might must ' +
    'not no yes just really very much many more most some any all also too only than up down out off again please pls ' +
    'tell know want wanna need let lets get got give say hey hi hello ok okay oh um uh like bro dude guys sir maam ' +
    'quick question q thanks thank someone anyone something anything thing things kind sort one ones im ive id dont doesnt ' +
    'isnt arent cant wont whats hows whos s t d ll m re ve'
  ).split(' '),
);

export interface NormalizedText {
  /** Lowercased, punctuation-free, variant-folded text: the key for duplicate detection. */
  text: string;
  /** Words of `text`. */
  tokens: string[];
}

/** Remove characters that change nothing a reader sees, and fold compatibility forms. */
export function cleanText(input: string): string {
  return input.normalize('NFKC').replace(JOINERS, '').replace(SEPARATORS, ' ');
}

/** Printable ASCII only: NFKC and NFD leave it as it is, and it has no joiners, controls or accents. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function normalize(input: string): NormalizedText {
  let text = PRINTABLE_ASCII.test(input)
    ? input.toLowerCase().replace(/`/g, "'") // the same result as below, without two Unicode normalisations
    : cleanText(input)
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}+/gu, '') // accents: "résumé" -> "resume"
        .replace(/[’‘`´]/g, "'");
  text = rewrite(text, SYMBOL_TERMS);
  // Apostrophes join contractions ("what's" -> "whats"); every other non-word character splits.
  text = text.replace(/'/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ');
  text = rewrite(text, PHRASES);
  const tokens: string[] = [];
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const expanded = ABBREVIATIONS.get(word) ?? HINGLISH.get(word);
    if (expanded === undefined) tokens.push(word);
    else for (const part of expanded.split(' ')) tokens.push(part);
  }
  return { text: tokens.join(' '), tokens };
}

const knowledgeCache = new Map<string, Readonly<{ text: string; tokens: readonly string[] }>>();
const KNOWLEDGE_CACHE_LIMIT = 100_000;

/**
 * `normalize` for the knowledge's own texts (sample questions, titles, keywords, off-topic phrasings),
 * memoised: loading checks them for repeats, the off-topic filter compares them and the matcher trains
 * on them, so each would otherwise be normalised two or three times per load. The result is shared:
 * read it, do not change it. Not for users' messages, so that no text of theirs is kept.
 */
export function normalizeKnowledgeText(input: string): Readonly<{ text: string; tokens: readonly string[] }> {
  let normalized = knowledgeCache.get(input);
  if (normalized === undefined) {
    const { text, tokens } = normalize(input);
    normalized = Object.freeze({ text, tokens: Object.freeze(tokens) });
    if (knowledgeCache.size >= KNOWLEDGE_CACHE_LIMIT) knowledgeCache.clear();
    knowledgeCache.set(input, normalized);
  }
  return normalized;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/**
 * Irregular verb forms and their base form ("frozen" freeze, "paid" pay, "wrote" write), from WordNet's
 * exception list via scripts/derive-irregular-verbs.ts (~200 pairs, read once at load). Porter stems
 * strip regular suffixes only, so without them "i need my account frozen" shares no word with "freeze
 * my account".
 */
const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(
  resourceLines('irregular-verbs.txt').map((line) => line.split('\t') as [string, string]),
);

/**
 * Porter stem of the word's base form (irregular verb forms first become their base), memoised (the
 * matcher stems the same few thousand words over and over).
 */
export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    // Very long tokens are noise (pasted hashes, keyboard mashing); don't spend time on them.
    stemmed = word.length > 40 ? word.slice(0, 40) : stemmer(IRREGULAR_VERBS.get(word) ?? word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}
