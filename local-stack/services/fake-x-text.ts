// X's own rule, written independently of the Worker's counter so the fake can catch its mistakes:
// a URL counts 23, code points in the light ranges 1, everything else 2 (an emoji sequence 2).
const URL = /https?:\/\/\S+/g;
const light = (point: number) =>
  point <= 4351 ||
  (point >= 8192 && point <= 8205) ||
  (point >= 8208 && point <= 8223) ||
  (point >= 8242 && point <= 8247);

export function xWeightedLength(raw: string): number {
  const text = raw.normalize('NFC');
  let weight = (text.match(URL) ?? []).length * 23;
  const rest = text.replace(URL, '');
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(rest)) {
    if (/\p{Extended_Pictographic}/u.test(segment)) weight += 2;
    else for (const char of segment) weight += light(char.codePointAt(0) ?? 0) ? 1 : 2;
  }
  return weight;
}
