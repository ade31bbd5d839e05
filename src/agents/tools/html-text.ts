// Elements whose content is never page text.
const SKIPPED = ['script', 'style', 'noscript', 'template', 'svg', 'title'];
const BLOCK = /^(p|div|br|li|h[1-6]|tr|section|article|header|footer|ul|ol|table|blockquote|pre)$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export interface PageText {
  title: string;
  text: string;
}

/**
 * The readable text of an HTML page, in one pass over it: tags dropped, script, style and head
 * skipped, block ends kept as line breaks, entities decoded, whitespace folded, at most maxChars.
 * A plain scan rather than regular expressions over the whole page keeps the work linear in its size.
 */
export function htmlToText(html: string, maxChars: number): PageText {
  const lower = html.toLowerCase();
  const titleStart = lower.indexOf('<title');
  const titleOpenEnd = titleStart < 0 ? -1 : lower.indexOf('>', titleStart);
  const titleEnd = titleOpenEnd < 0 ? -1 : lower.indexOf('</title', titleOpenEnd);
  const title =
    titleEnd < 0
      ? ''
      : decodeEntities(html.slice(titleOpenEnd + 1, titleEnd))
          .replace(/\s+/g, ' ')
          .trim();
  const pieces: string[] = [];
  let kept = 0;
  let at = 0;
  while (at < html.length && kept < maxChars * 2) {
    const open = html.indexOf('<', at);
    const end = open < 0 ? html.length : open;
    if (end > at) {
      const piece = html.slice(at, end);
      pieces.push(piece);
      kept += piece.length;
    }
    if (open < 0) break;
    const close = html.indexOf('>', open);
    if (close < 0) break;
    const name = /^<\/?([a-z][a-z0-9]*)/.exec(lower.slice(open, Math.min(close + 1, open + 20)))?.[1] ?? '';
    at = close + 1;
    if (SKIPPED.includes(name) && lower[open + 1] !== '/') {
      const skipTo = lower.indexOf(`</${name}`, at);
      at = skipTo < 0 ? html.length : skipTo;
    } else if (BLOCK.test(name)) pieces.push('\n');
  }
  const text = decodeEntities(pieces.join(''))
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
  return { title: title.slice(0, 300), text: text.slice(0, maxChars) };
}
