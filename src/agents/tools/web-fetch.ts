import { z } from 'zod';
import { htmlToText } from './html-text';
import { defineTool, jsonOutput } from './tool';
import { ToolRefusal } from './tool-errors';
import { checkUrl, type UrlPolicy } from './url-guard';

export interface WebFetchSettings extends UrlPolicy {
  /** Bytes of a response body read at most; a larger body is refused. */
  maxBytes: number;
  /** One deadline for the whole fetch, redirects included. */
  timeoutMs: number;
  /** Characters of page text handed to the model. */
  maxChars: number;
}

const MAX_REDIRECTS = 5;
const READABLE = /^(text\/|application\/(json|xhtml\+xml|xml|ld\+json)\b)/i;
const HTML = /^(text\/html|application\/xhtml\+xml)\b/i;

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ToolRefusal(`the page is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ToolRefusal(`the page is more than the ${maxBytes} bytes allowed`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * GETs a page on the allow-list and returns its text. Redirects are followed by hand, at most
 * five, and every hop passes the same address and allow-list rules as the first URL.
 */
export async function fetchPage(raw: string, settings: WebFetchSettings, signal: AbortSignal, fetcher = fetch) {
  const requested = checkUrl(raw, settings);
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(settings.timeoutMs)]);
  let url = requested;
  for (let hop = 0; ; hop += 1) {
    let response: Response;
    try {
      response = await fetcher(url.toString(), {
        redirect: 'manual',
        signal: deadline,
        headers: { accept: 'text/html,text/plain;q=0.9,application/json;q=0.8', 'user-agent': 'ai-empire-research/1' },
      });
    } catch (error) {
      if (deadline.aborted) throw new ToolRefusal(`no answer from ${url.host} within ${settings.timeoutMs} ms`);
      throw error;
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new ToolRefusal(`more than ${MAX_REDIRECTS} redirects`);
      url = checkUrl(location, settings, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${url.host} answered ${response.status}`);
    }
    const type = response.headers.get('content-type') ?? 'text/plain';
    if (!READABLE.test(type)) {
      await response.body?.cancel();
      throw new ToolRefusal(`content type ${type.split(';')[0]} is not read`);
    }
    const bytes = await readCapped(response, settings.maxBytes);
    const body = new TextDecoder().decode(bytes);
    const page = HTML.test(type)
      ? htmlToText(body, settings.maxChars)
      : { title: '', text: body.slice(0, settings.maxChars) };
    return { requested: requested.toString(), url: url.toString(), bytes: bytes.byteLength, ...page };
  }
}

const args = z.object({ url: z.string().min(1).max(2_000).describe('The http(s) URL of the page to read') }).strict();

export function webFetchTool(settings: WebFetchSettings, fetcher: typeof fetch = fetch) {
  return defineTool<z.infer<typeof args>>({
    name: 'web_fetch',
    description:
      'Read one web page (allow-listed hosts only) and return its text. Cite the URL of a page read this way as the source of a claim.',
    args,
    async run({ url }, context) {
      const page = await fetchPage(url, settings, context.signal, fetcher);
      const sources = [{ url: page.requested, title: page.title }];
      if (page.url !== page.requested) sources.push({ url: page.url, title: page.title });
      return jsonOutput({ url: page.url, title: page.title, text: page.text }, sources);
    },
  });
}
