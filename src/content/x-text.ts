// How X counts a post (twitter-text v3 "weighted length"): text is NFC-normalised, every URL counts
// 23 whatever its length, an emoji counts 2, characters in the Latin, general-punctuation and
// similar ranges count 1 and everything else (CJK, for example) counts 2. The limit is 280.

export const X_MAX_WEIGHT = 280;
export const X_URL_WEIGHT = 23;

const LIGHT_RANGES: readonly [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// Scheme URLs and bare domains with a common TLD, the shapes X turns into t.co links.
const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|de|ai|dev|app|eu|uk|at|ch|info|biz)\b(?:\/[^\s<>"]*)?/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

function charWeight(text: string): number {
  let weight = 0;
  for (const { segment } of segmenter.segment(text)) {
    if (PICTOGRAPHIC.test(segment)) {
      weight += 2;
      continue;
    }
    for (const char of segment) {
      const point = char.codePointAt(0) ?? 0;
      weight += LIGHT_RANGES.some(([low, high]) => point >= low && point <= high) ? 1 : 2;
    }
  }
  return weight;
}

/** The URLs X would shorten, as [start, end) offsets into `text`. */
export function findUrls(text: string): [number, number][] {
  const found: [number, number][] = [];
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (match.index !== undefined && url.length > 0) found.push([match.index, match.index + url.length]);
  }
  return found;
}

/** The length X charges for `text`. */
export function xLength(raw: string): number {
  const text = raw.normalize('NFC');
  let weight = 0;
  let at = 0;
  for (const [start, end] of findUrls(text)) {
    weight += charWeight(text.slice(at, start)) + X_URL_WEIGHT;
    at = end;
  }
  return weight + charWeight(text.slice(at));
}

export const fitsX = (text: string) => xLength(text) <= X_MAX_WEIGHT;
