import { X_MAX_WEIGHT, xLength } from './x-text';

// A text too long for one post becomes a numbered thread ("… 1/3"). Parts break between
// sentences; only a sentence longer than a whole post is broken between words, and only a word
// longer than a post is cut.

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

function sentences(text: string): string[] {
  return [...sentenceSegmenter.segment(text)].map((part) => part.segment.trim()).filter(Boolean);
}

function byWords(sentence: string, room: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of sentence.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (xLength(candidate) <= room) {
      current = candidate;
      continue;
    }
    if (current) pieces.push(current);
    current = word;
    while (xLength(current) > room) {
      const chars = [...current];
      let cut = chars.length;
      while (cut > 1 && xLength(chars.slice(0, cut).join('')) > room) cut -= 1;
      pieces.push(chars.slice(0, cut).join(''));
      current = chars.slice(cut).join('');
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function pack(units: string[], room: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const unit of units.flatMap((sentence) => (xLength(sentence) > room ? byWords(sentence, room) : [sentence]))) {
    const candidate = current ? `${current} ${unit}` : unit;
    if (xLength(candidate) <= room) current = candidate;
    else {
      if (current) parts.push(current);
      current = unit;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** One post when the text fits, else the thread's posts, each within the limit with its " i/n". */
export function toThread(raw: string, max = X_MAX_WEIGHT): string[] {
  const text = raw
    .normalize('NFC')
    .trim()
    .replace(/[ \t]+/g, ' ');
  if (xLength(text) <= max) return [text];
  const units = sentences(text);
  // The suffix's width depends on how many parts there are; widen until the count fits.
  for (let digits = 1; digits <= 3; digits += 1) {
    const suffix = 2 + 2 * digits; // " " + i + "/" + n at their widest
    const parts = pack(units, max - suffix);
    if (String(parts.length).length <= digits) return parts.map((part, i) => `${part} ${i + 1}/${parts.length}`);
  }
  throw new Error('text too long for a thread');
}
