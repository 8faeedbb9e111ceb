import { FeatureSpace, type FeatureCounts, type FeatureWeights } from './features.js';
import { CareerbotError } from '../errors.js';

/**
 * A linear text classifier trained at load time: multinomial logistic regression over TF-IDF
 * features, fitted by SGD with a fixed seed (the same knowledge always gives the same model).
 *
 * Scale: with up to CANDIDATE_LIMIT classes every class takes part in every softmax (exact; past 3 x
 * RIVALS classes, passes after the first score only each example's strongest rivals). Beyond
 * that, an inverted index over word features first retrieves the classes that share informative
 * words with the text, and the softmax runs over those candidates only (for training, they are the
 * hard negatives). Weights live in one flat array: indexed exactly (feature x class) while that fits,
 * hashed into a fixed-size table otherwise. Building and matching stay fast and memory stays bounded
 * on knowledge bases of thousands of topics.
 */

export interface TrainingExample {
  tokens: readonly string[];
  label: number;
  weight: number;
}

export interface ModelOptions {
  features: FeatureWeights;
  epochs: number;
  learningRate: number;
  seed: number;
  /** At least this many SGD updates in all: small knowledge bases get more passes. */
  minUpdates: number;
  /** A class that is always a candidate (the out-of-scope class), or -1. */
  alwaysCandidate: number;
  /** L2 penalty per update (weight decay), 0 for none. */
  l2?: number;
  /** Gradients smaller than this are not applied. */
  gradientFloor?: number;
  /** Softmax temperature at scoring time (1: the trained logits as they are). */
  temperature?: number;
  /** Averaged SGD from this pass on: the final weights are the mean over those updates. */
  average?: number;
  /** Score every class in every pass (no rival narrowing). */
  exact?: boolean;
  /** Raw term counts instead of 1 + log(count). */
  linearTf?: boolean;
  /** Normalise the word block and the character block separately. */
  blockNorm?: boolean;
  /** An example whose true class already has this probability sits out the next pass. */
  skipEasy?: number;
}

interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

export interface Scores {
  /** The classes scored (all of them, or the retrieved candidates), aligned with `probabilities`. */
  classes: Int32Array;
  /** Softmax probability of each scored class; classes not scored have probability 0. */
  probabilities: Float64Array;
}

/** For each word or bigram feature, the classes whose examples have it (common ones left out). */
function buildPostings(
  raw: readonly FeatureCounts[],
  examples: readonly TrainingExample[],
  space: FeatureSpace,
  classCount: number,
): (Int32Array | null)[] {
  const sets = new Map<number, Set<number>>();
  raw.forEach(({ ids }, i) => {
    for (let k = 0; k < ids.length; k++) {
      const f = ids[k]!;
      if (!space.isWordOrBigram(f)) continue;
      let set = sets.get(f);
      if (!set) sets.set(f, (set = new Set()));
      set.add(examples[i]!.label);
    }
  });
  const postings: (Int32Array | null)[] = new Array<Int32Array | null>(space.size).fill(null);
  // Words shared by a large share of the classes retrieve nothing useful: leave them out.
  const maxPostings = Math.max(CANDIDATES, Math.floor(classCount / 8));
  for (const [f, set] of sets) if (set.size <= maxPostings) postings[f] = Int32Array.from(set);
  return postings;
}

/** Rivals kept per training example after the first pass when there are many classes. */
const RIVALS = 24;
/** Up to this many classes, every softmax is over all classes. */
const CANDIDATE_LIMIT = 256;
/** How many classes retrieval keeps beyond the limit. */
const CANDIDATES = 48;
/** Exact weight layout up to this many feature x class cells (4 bytes each); hashed beyond. */
const DENSE_LIMIT = 12_000_000;
const HASHED_SIZE = 1 << 23;
/** Gradients smaller than this are not applied: they barely move the weights and cost time. */
const GRADIENT_FLOOR = 1e-3;
/**
 * An example whose true class already has this probability sits out the next pass: later passes
 * spend their time on the examples still confused (career training ~10% faster, accuracy unchanged).
 */
const SKIP_EASY = 0.98;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function softmaxInPlace(values: Float64Array, length: number): void {
  let max = -Infinity;
  for (let i = 0; i < length; i++) if (values[i]! > max) max = values[i]!;
  let sum = 0;
  for (let i = 0; i < length; i++) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = 0; i < length; i++) values[i]! /= sum;
}

/** Everything a trained model needs to score: what `snapshot` saves and `restore` loads. */
interface ModelState {
  classCount: number;
  /** The feature ids (frozen: the model has weights for these features only). */
  space: FeatureSpace;
  idf: Float64Array;
  bias: Float64Array;
  weights: Float32Array;
  hashed: boolean;
  /** Retrieval (large knowledge bases only): for each word feature, the classes whose examples have it. */
  postings: (Int32Array | null)[] | null;
}

const SNAPSHOT_MAGIC = 'careerbot-model-1';

export class LinearModel {
  readonly classCount: number;
  private readonly space: FeatureSpace;
  private readonly idf: Float64Array;
  private readonly bias: Float64Array;
  private readonly weights: Float32Array;
  private readonly hashed: boolean;
  private readonly mask = HASHED_SIZE - 1;
  private readonly postings: (Int32Array | null)[];
  private readonly retrieval: boolean;
  private readonly allClasses: Int32Array;
  /** Lazy L2 decay during training: the true weights are `scale` times the stored ones. */
  private scale = 1;

  private constructor(
    state: ModelState,
    private readonly options: ModelOptions,
  ) {
    this.classCount = state.classCount;
    this.space = state.space;
    this.idf = state.idf;
    this.bias = state.bias;
    this.weights = state.weights;
    this.hashed = state.hashed;
    this.postings = state.postings ?? [];
    this.retrieval = state.postings !== null;
    this.allClasses = Int32Array.from({ length: state.classCount }, (_, c) => c);
  }

  /** Train on `examples` (labels 0..classCount-1). */
  static train(examples: readonly TrainingExample[], classCount: number, options: ModelOptions): LinearModel {
    const space = new FeatureSpace(options.features);
    const raw = space.countAll(examples.map((example) => example.tokens));
    space.freeze();
    const df = new Int32Array(space.size);
    for (let i = 0; i < raw.length; i++) {
      const ids = raw[i]!.ids;
      for (let k = 0; k < ids.length; k++) df[ids[k]!]! += 1;
    }
    const n = Math.max(1, examples.length);
    const idf = new Float64Array(space.size);
    for (let f = 0; f < idf.length; f++) {
      idf[f] = Math.log((1 + n) / (1 + df[f]!)) + 1;
      idf[f]! *= space.groupWeight(f);
    }
    const cells = space.size * classCount;
    const hashed = cells > DENSE_LIMIT;
    const model = new LinearModel(
      {
        classCount,
        space,
        idf,
        bias: new Float64Array(classCount),
        // Single precision: half the memory traffic of doubles, and plenty for SGD weights.
        weights: new Float32Array(hashed ? HASHED_SIZE : Math.max(1, cells)),
        hashed,
        postings: classCount > CANDIDATE_LIMIT ? buildPostings(raw, examples, space, classCount) : null,
      },
      options,
    );
    model.fit(model.toVectors(raw), examples);
    return model;
  }

  /** The trained model as bytes (a JSON header, then the numeric arrays). */
  snapshot(): Buffer {
    return Buffer.concat(this.snapshotParts());
  }

  /**
   * `snapshot()` in pieces, the arrays as views of the model's own memory: written one after the other,
   * they spare a copy of the weights into a new buffer (megabytes, page-faulted in at a cold start).
   */
  snapshotParts(): Buffer[] {
    const header = Buffer.from(
      JSON.stringify({
        magic: SNAPSHOT_MAGIC,
        classCount: this.classCount,
        hashed: this.hashed,
        features: this.space.names,
        postings: this.retrieval ? this.postings.map((list) => (list ? [...list] : null)) : null,
        weights: this.weights.length,
      }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    return [
      length,
      header,
      Buffer.from(this.idf.buffer, this.idf.byteOffset, this.idf.byteLength),
      Buffer.from(this.bias.buffer, this.bias.byteOffset, this.bias.byteLength),
      Buffer.from(this.weights.buffer, this.weights.byteOffset, this.weights.byteLength),
    ];
  }

  /**
   * A model from `snapshot()` bytes; throws a CareerbotError `careerbot_model_snapshot_invalid` when
   * they are not a complete snapshot (truncated, foreign or garbage bytes), so callers can fall back.
   */
  static restore(bytes: Buffer, options: ModelOptions): LinearModel {
    try {
      return LinearModel.restoreUnchecked(bytes, options);
    } catch (cause) {
      if (cause instanceof CareerbotError) throw cause;
      throw new CareerbotError('careerbot_model_snapshot_invalid', `not a model snapshot: ${(cause as Error).message}`, {
        cause,
      });
    }
  }

  private static restoreUnchecked(bytes: Buffer, options: ModelOptions): LinearModel {
    const headerLength = bytes.readUInt32LE(0);
    const header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as {
      magic: string;
      classCount: number;
      hashed: boolean;
      features: string[];
      postings: (number[] | null)[] | null;
      weights: number;
    };
    const F = header.features.length;
    let offset = 4 + headerLength;
    // Copies, so the typed arrays are aligned whatever the header length.
    const take = (bytesLength: number) =>
      bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + (offset += bytesLength));
    if (header.magic !== SNAPSHOT_MAGIC || bytes.length !== offset + F * 8 + header.classCount * 8 + header.weights * 4) {
      throw new CareerbotError('careerbot_model_snapshot_invalid', 'not a complete model snapshot');
    }
    return new LinearModel(
      {
        classCount: header.classCount,
        space: new FeatureSpace(options.features, header.features),
        idf: new Float64Array(take(F * 8)),
        bias: new Float64Array(take(header.classCount * 8)),
        weights: new Float32Array(take(header.weights * 4)),
        hashed: header.hashed,
        postings: header.postings ? header.postings.map((list) => (list ? Int32Array.from(list) : null)) : null,
      },
      options,
    );
  }

  get featureCount(): number {
    return this.space.size;
  }

  private slot(feature: number, label: number): number {
    if (!this.hashed) return feature * this.classCount + label;
    // A feature's classes sit side by side from a hashed base: one feature's weights stay within a few
    // cache lines instead of scattering over the whole table.
    return (Math.imul(feature, 0x9e3779b1) + label) & this.mask;
  }

  /** The classes a text is scored against: all of them for small models, retrieved ones for large. */
  private candidates(vector: SparseVector, label: number, scratch: Float64Array): Int32Array {
    if (!this.retrieval) return this.allClasses;
    const touched: number[] = [];
    for (let k = 0; k < vector.indices.length; k++) {
      const list = this.postings[vector.indices[k]!];
      if (!list) continue;
      const x = vector.values[k]!;
      for (let j = 0; j < list.length; j++) {
        const c = list[j]!;
        if (scratch[c] === 0) touched.push(c);
        scratch[c]! += x;
      }
    }
    touched.sort((a, b) => scratch[b]! - scratch[a]!);
    const chosen = touched.slice(0, CANDIDATES);
    for (const c of touched) scratch[c] = 0;
    for (const extra of [label, this.options.alwaysCandidate]) {
      if (extra >= 0 && !chosen.includes(extra)) chosen.push(extra);
    }
    return Int32Array.from(chosen);
  }

  /** `toVector` of each text, the values views into one shared array (see `FeatureSpace.countAll`). */
  private toVectors(texts: readonly FeatureCounts[]): SparseVector[] {
    let total = 0;
    for (let i = 0; i < texts.length; i++) total += texts[i]!.ids.length;
    const values = new Float64Array(total);
    const vectors: SparseVector[] = [];
    for (let i = 0, start = 0; i < texts.length; start += texts[i++]!.ids.length) {
      vectors.push(this.toVector(texts[i]!, values.subarray(start, start + texts[i]!.ids.length)));
    }
    return vectors;
  }

  /** TF-IDF vector (sublinear term frequency), L2-normalised, over the features in `counts`' order. */
  private toVector(features: FeatureCounts, values = new Float64Array(features.ids.length)): SparseVector {
    const { ids, counts } = features;
    const block = this.options.blockNorm === true;
    let norm = 0;
    let charNorm = 0;
    for (let k = 0; k < ids.length; k++) {
      const count = counts[k]!;
      const value = (this.options.linearTf ? count : 1 + Math.log(count)) * this.idf[ids[k]!]!;
      values[k] = value;
      if (block && this.space.isChar(ids[k]!)) charNorm += value * value;
      else norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    charNorm = Math.sqrt(charNorm) || 1;
    const cw = this.options.features.char;
    for (let k = 0; k < values.length; k++) {
      values[k] = block && this.space.isChar(ids[k]!) ? (values[k]! * cw) / charNorm : values[k]! / norm;
    }
    return { indices: ids, values };
  }

  /** Logits of `classes` for `vector` into `out` (aligned with `classes`). */
  private logits(vector: SparseVector, classes: Int32Array, out: Float64Array): void {
    const { indices, values } = vector;
    const weights = this.weights;
    if (classes === this.allClasses && !this.hashed) {
      // Every class, exact layout: contiguous rows, the hot path for small and medium knowledge bases.
      const C = this.classCount;
      out.set(this.bias);
      for (let k = 0; k < indices.length; k++) {
        const base = indices[k]! * C;
        const x = values[k]! * this.scale;
        // Unrolled by four (the same sums in the same order): about twice as fast as the plain loop in
        // V8, and this loop is most of training.
        let c = 0;
        for (; c + 3 < C; c += 4) {
          const at = base + c;
          out[c]! += x * weights[at]!;
          out[c + 1]! += x * weights[at + 1]!;
          out[c + 2]! += x * weights[at + 2]!;
          out[c + 3]! += x * weights[at + 3]!;
        }
        for (; c < C; c++) out[c]! += x * weights[base + c]!;
      }
      return;
    }
    for (let a = 0; a < classes.length; a++) out[a] = this.bias[classes[a]!]!;
    for (let k = 0; k < indices.length; k++) {
      const f = indices[k]!;
      const x = values[k]! * this.scale;
      for (let a = 0; a < classes.length; a++) out[a]! += x * weights[this.slot(f, classes[a]!)]!;
    }
  }

  private fit(vectors: SparseVector[], examples: readonly TrainingExample[]): void {
    const C = this.classCount;
    const { epochs, learningRate, seed } = this.options;
    const weights = this.weights;
    const bias = this.bias;
    const random = mulberry32(seed);
    const order = Int32Array.from(vectors, (_, i) => i);
    const p = new Float64Array(C);
    const scratch = new Float64Array(C);
    const active = new Int32Array(C);
    const gradient = new Float64Array(C);
    // Small knowledge bases need more passes to converge: make sure every model sees enough updates.
    const passes = Math.max(epochs, Math.ceil(this.options.minUpdates / Math.max(1, vectors.length)));
    // Candidates are fixed per example (retrieval does not depend on the weights): compute them once.
    const candidates = vectors.map((vector, i) => this.candidates(vector, examples[i]!.label, scratch));
    // With many classes, the first pass scores every class and remembers each example's strongest
    // rivals; later passes score only those (and the true class), as the rest stay far below them.
    const narrow = !this.retrieval && C > 3 * RIVALS && !this.options.exact;
    // Averaged SGD (lazy form): u accumulates t x each step, and the mean weights are w - u / t.
    const averageFrom = this.options.average ?? Infinity;
    const sums = averageFrom < passes ? new Float64Array(weights.length) : null;
    const biasSums = new Float64Array(C);
    let t = 1;
    const l2 = this.options.l2 ?? 0;
    const skipEasy = this.options.skipEasy ?? SKIP_EASY;
    const restUntil = new Int32Array(vectors.length);
    // One pass is a function of its own: V8 compiles the hot loop while the first pass runs, and compiled
    // as part of `fit` the code after that loop (the next pass) had never run, so it threw the compiled
    // code away at the end of the pass and ran the next ones slowly until it had compiled them again.
    const pass = (epoch: number): void => {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const swap = order[i]!;
        order[i] = order[j]!;
        order[j] = swap;
      }
      const rate = learningRate / (1 + (epoch * epochs) / passes);
      for (let n = 0; n < order.length; n++) {
        const i = order[n]!;
        if (restUntil[i]! > epoch) continue;
        const vector = vectors[i]!;
        const { label, weight } = examples[i]!;
        const classes = candidates[i]!;
        this.logits(vector, classes, p);
        softmaxInPlace(p, classes.length);
        // Gradient of the log loss, p - onehot(label), applied to the true class and to the classes
        // the model still confuses with it; the rest are already ruled out.
        const floor = this.options.gradientFloor ?? GRADIENT_FLOOR;
        const step = rate * weight;
        if (l2 > 0) {
          this.scale *= 1 - rate * l2;
          if (this.scale < 1e-3) this.foldScale();
        }
        let count = 0;
        for (let a = 0; a < classes.length; a++) {
          const c = classes[a]!;
          if (c === label && p[a]! >= skipEasy) restUntil[i] = epoch + 2;
          if (c !== label && !(p[a]! > floor)) continue;
          const g = step * (p[a]! - (c === label ? 1 : 0));
          bias[c]! -= g;
          if (sums && epoch >= averageFrom) biasSums[c]! -= t * g;
          active[count] = c;
          gradient[count++] = g;
        }
        this.update(vector, active, gradient, count);
        if (sums && epoch >= averageFrom) {
          for (let a = 0; a < count; a++) gradient[a]! *= t;
          this.update(vector, active, gradient, count, sums);
          t++;
        }
        if (narrow && epoch === 0) candidates[i] = this.rivals(p, label, scratch);
      }
    };
    for (let epoch = 0; epoch < passes; epoch++) pass(epoch);
    this.foldScale();
    if (sums) {
      for (let i = 0; i < weights.length; i++) weights[i]! -= sums[i]! / t;
      for (let c = 0; c < C; c++) bias[c]! -= biasSums[c]! / t;
    }
  }

  private foldScale(): void {
    if (this.scale === 1) return;
    const weights = this.weights;
    for (let i = 0; i < weights.length; i++) weights[i]! *= this.scale;
    this.scale = 1;
  }

  /** The RIVALS most probable classes in `p` (over all classes), plus the true class and the always-candidate. */
  private rivals(p: Float64Array, label: number, scratch: Float64Array): Int32Array {
    scratch.set(p);
    const chosen: number[] = [label];
    if (this.options.alwaysCandidate >= 0 && this.options.alwaysCandidate !== label) chosen.push(this.options.alwaysCandidate);
    for (const c of chosen) scratch[c] = -1;
    for (let r = 0; r < RIVALS; r++) {
      let best = 0;
      for (let c = 1; c < scratch.length; c++) if (scratch[c]! > scratch[best]!) best = c;
      if (scratch[best]! < 0) break;
      chosen.push(best);
      scratch[best] = -1;
    }
    scratch.fill(0);
    return Int32Array.from(chosen);
  }

  /** Moves the weights of `count` classes against their gradients for one example. */
  private update(
    vector: SparseVector,
    active: Int32Array,
    gradient: Float64Array,
    count: number,
    weights: Float32Array | Float64Array = this.weights,
  ): void {
    const { indices, values } = vector;
    const inverse = 1 / this.scale;
    if (!this.hashed) {
      const C = this.classCount;
      for (let k = 0; k < indices.length; k++) {
        const base = indices[k]! * C;
        const x = values[k]! * inverse;
        for (let a = 0; a < count; a++) weights[base + active[a]!]! -= x * gradient[a]!;
      }
    } else {
      for (let k = 0; k < indices.length; k++) {
        const f = indices[k]!;
        const x = values[k]! * inverse;
        for (let a = 0; a < count; a++) weights[this.slot(f, active[a]!)]! -= x * gradient[a]!;
      }
    }
  }

  score(tokens: readonly string[]): Scores {
    const vector = this.toVector(this.space.count(tokens));
    const classes = this.retrieval ? this.candidates(vector, -1, new Float64Array(this.classCount)) : this.allClasses;
    const probabilities = new Float64Array(classes.length);
    this.logits(vector, classes, probabilities);
    const temperature = this.options.temperature ?? 1;
    if (temperature !== 1) for (let a = 0; a < classes.length; a++) probabilities[a]! /= temperature;
    softmaxInPlace(probabilities, classes.length);
    return { classes, probabilities };
  }
}
