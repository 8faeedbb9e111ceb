import { extractFeatures, groupWeight, type FeatureWeights } from './features.js';

/**
 * A linear text classifier trained at load time: multinomial logistic regression over TF-IDF
 * features, fitted by SGD with a fixed seed (the same knowledge gives the same model), plus
 * class centroids for a similarity score that does not depend on how many classes there are.
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
  l2: number;
  seed: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface Scores {
  /** Softmax probability per class. */
  probabilities: Float64Array;
  /** Cosine similarity of the query to each class centroid, in [0, 1]. */
  similarities: Float64Array;
  /** Share of the query's word features that the model knows (0 when the query has none). */
  coverage: number;
}

const GRADIENT_FLOOR = 1e-4;
const MIN_UPDATES = 20_000;

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

export class LinearModel {
  readonly classCount: number;
  private readonly featureIndex = new Map<string, number>();
  private readonly idf: Float32Array;
  private readonly weights: Float64Array;
  private readonly bias: Float64Array;
  private readonly centroids: Float32Array;

  constructor(
    examples: readonly TrainingExample[],
    classCount: number,
    private readonly options: ModelOptions,
  ) {
    this.classCount = classCount;
    // Vocabulary and document frequencies.
    const raw = examples.map((example) => extractFeatures(example.tokens, options.features.char > 0));
    const df: number[] = [];
    for (const counts of raw) {
      for (const name of counts.keys()) {
        let index = this.featureIndex.get(name);
        if (index === undefined) {
          index = this.featureIndex.size;
          this.featureIndex.set(name, index);
          df.push(0);
        }
        df[index]! += 1;
      }
    }
    const n = Math.max(1, examples.length);
    this.idf = Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
    for (const [name, index] of this.featureIndex) this.idf[index]! *= groupWeight(name, options.features);
    const vectors = raw.map((counts) => this.toVector(counts));

    const size = this.featureIndex.size * classCount;
    this.weights = new Float64Array(size);
    this.bias = new Float64Array(classCount);
    this.centroids = new Float32Array(size);
    this.fitCentroids(vectors, examples);
    this.fitLogistic(vectors, examples);
  }

  get featureCount(): number {
    return this.featureIndex.size;
  }

  /** TF-IDF vector (sublinear term frequency), L2-normalised; unknown features are dropped. */
  private toVector(counts: Map<string, number>): SparseVector {
    const indices: number[] = [];
    const values: number[] = [];
    let norm = 0;
    for (const [name, count] of counts) {
      const index = this.featureIndex.get(name);
      if (index === undefined) continue;
      const value = (1 + Math.log(count)) * this.idf[index]!;
      indices.push(index);
      values.push(value);
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    return { indices: Int32Array.from(indices), values: Float32Array.from(values, (v) => v / norm) };
  }

  private fitCentroids(vectors: SparseVector[], examples: readonly TrainingExample[]): void {
    const C = this.classCount;
    vectors.forEach((vector, i) => {
      const { label, weight } = examples[i]!;
      for (let k = 0; k < vector.indices.length; k++) {
        this.centroids[vector.indices[k]! * C + label]! += vector.values[k]! * weight;
      }
    });
    const norms = new Float64Array(C);
    for (let f = 0; f < this.featureIndex.size; f++) {
      for (let c = 0; c < C; c++) norms[c]! += this.centroids[f * C + c]! ** 2;
    }
    for (let c = 0; c < C; c++) norms[c] = Math.sqrt(norms[c]!) || 1;
    for (let f = 0; f < this.featureIndex.size; f++) {
      for (let c = 0; c < C; c++) this.centroids[f * C + c]! /= norms[c]!;
    }
  }

  private fitLogistic(vectors: SparseVector[], examples: readonly TrainingExample[]): void {
    const C = this.classCount;
    const { epochs, learningRate, l2, seed } = this.options;
    const random = mulberry32(seed);
    const order = vectors.map((_, i) => i);
    const logits = new Float64Array(C);
    const activeClasses = new Int32Array(C);
    const activeGradients = new Float64Array(C);
    // Small knowledge bases need more passes to converge: make sure every model sees enough updates.
    const passes = Math.max(epochs, Math.ceil(MIN_UPDATES / Math.max(1, vectors.length)));
    for (let epoch = 0; epoch < passes; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const rate = learningRate / (1 + (epoch * epochs) / passes);
      for (const i of order) {
        const { indices, values } = vectors[i]!;
        const { label, weight } = examples[i]!;
        this.logitsInto(indices, values, logits);
        softmaxInPlace(logits);
        logits[label]! -= 1;
        const step = rate * weight;
        for (let c = 0; c < C; c++) this.bias[c]! -= step * logits[c]!;
        // Only classes with a gradient worth applying: after the first epoch most are near zero,
        // which makes training several times faster on knowledge bases with hundreds of topics.
        let active = 0;
        for (let c = 0; c < C; c++) {
          const g = logits[c]!;
          if (g > GRADIENT_FLOOR || g < -GRADIENT_FLOOR) {
            activeClasses[active] = c;
            activeGradients[active++] = g;
          }
        }
        const decay = 1 - rate * l2;
        const weights = this.weights;
        for (let k = 0; k < indices.length; k++) {
          const base = indices[k]! * C;
          const x = values[k]! * step;
          if (decay !== 1) for (let c = 0; c < C; c++) weights[base + c]! *= decay;
          for (let a = 0; a < active; a++) weights[base + activeClasses[a]!]! -= x * activeGradients[a]!;
        }
      }
    }
  }

  private logitsInto(indices: Int32Array, values: Float32Array, out: Float64Array): void {
    const C = this.classCount;
    out.set(this.bias);
    for (let k = 0; k < indices.length; k++) {
      const base = indices[k]! * C;
      const x = values[k]!;
      for (let c = 0; c < C; c++) out[c]! += x * this.weights[base + c]!;
    }
  }

  score(tokens: readonly string[]): Scores {
    const C = this.classCount;
    const counts = extractFeatures(tokens, this.options.features.char > 0);
    let words = 0;
    let knownWords = 0;
    for (const name of counts.keys()) {
      if (name.charCodeAt(0) !== 119 /* w: content words only */) continue;
      words++;
      if (this.featureIndex.has(name)) knownWords++;
    }
    const vector = this.toVector(counts);
    const probabilities = new Float64Array(C);
    this.logitsInto(vector.indices, vector.values, probabilities);
    softmaxInPlace(probabilities);
    const similarities = new Float64Array(C);
    for (let k = 0; k < vector.indices.length; k++) {
      const base = vector.indices[k]! * C;
      const x = vector.values[k]!;
      for (let c = 0; c < C; c++) similarities[c]! += x * this.centroids[base + c]!;
    }
    return { probabilities, similarities, coverage: words === 0 ? 0 : knownWords / words };
  }
}

function softmaxInPlace(values: Float64Array): void {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = Math.exp(values[i]! - max);
    sum += values[i]!;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
}
