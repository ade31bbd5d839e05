import type { Embedder, EmbeddingModel } from './types.ts';

// Feature hashing: words, word pairs and character trigrams hashed (FNV-1a) into a fixed
// number of signed buckets, log-scaled and L2-normalised. Texts that share words land near
// each other; it knows no synonyms. It needs no model download, so development and tests run
// anywhere, and it says so: the model name carries the version, because changing this
// algorithm changes every vector (a new version gets a new collection).
export const LOCAL_HASH_MODEL = 'local-hash-v1';
export const LOCAL_HASH_DIMENSIONS = 512;

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or our that the this to was were will with we you your'.split(
    ' ',
  ),
);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Folds plurals and -ing/-ed so "audits" meets "audit" and "checking" meets "check". */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0 && !STOP_WORDS.has(word))
    .map(stem);
}

export function localHashVector(text: string, dimensions = LOCAL_HASH_DIMENSIONS): number[] {
  const counts = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const hash = fnv1a(feature);
    counts[hash % dimensions] = (counts[hash % dimensions] ?? 0) + (hash & 0x80000000 ? -weight : weight);
  };
  const tokens = words(text);
  for (const [index, word] of tokens.entries()) {
    add(`w:${word}`, 1);
    const next = tokens[index + 1];
    if (next) add(`b:${word} ${next}`, 0.5);
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.25);
  }
  // A text with no letters or digits still gets a direction of its own.
  if (tokens.length === 0) add(`raw:${text}`, 1);
  const scaled = Array.from(counts, (value) => Math.sign(value) * Math.log1p(Math.abs(value)));
  const norm = Math.hypot(...scaled) || 1;
  return scaled.map((value) => value / norm);
}

export function localHashEmbedder(): Embedder {
  const info: EmbeddingModel = {
    provider: 'local-hash',
    model: LOCAL_HASH_MODEL,
    dimensions: LOCAL_HASH_DIMENSIONS,
    local: true,
  };
  return { info, embed: async (texts) => texts.map((text) => localHashVector(text)) };
}
