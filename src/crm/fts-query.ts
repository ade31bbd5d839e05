// User text never reaches MATCH as syntax: each term becomes one quoted FTS5 string, so `OR`,
// `NEAR(`, `*`, `-`, `:` and quotes are searched as the words they contain, never as operators.

const MAX_TERMS = 16;
// A term with no letter or digit holds no token for the unicode61 tokenizer; as an empty phrase
// it would only ever match nothing, so it is dropped instead.
const HAS_TOKEN = /[\p{L}\p{N}]/u;

/** The MATCH expression for `input` (every term must occur), or undefined when nothing is searchable. */
export function ftsQuery(input: string): string | undefined {
  const terms = input
    .replace(/\p{Cc}/gu, ' ')
    .split(/\s+/)
    .filter((term) => HAS_TOKEN.test(term))
    .slice(0, MAX_TERMS);
  if (terms.length === 0) return undefined;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}
