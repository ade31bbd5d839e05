import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ToolRefusal } from '../../src/agents/tools/tool-errors';
import { checkUrl } from '../../src/agents/tools/url-guard';
import { fetchPage, type WebFetchSettings } from '../../src/agents/tools/web-fetch';
import { addPage, htmlPage, webRequests } from '../helpers/web';

const settings: WebFetchSettings = {
  allow: ['127.0.0.1', 'allowed.example', '*.docs.example'],
  loopbackAllowed: true,
  maxBytes: 100_000,
  timeoutMs: 5_000,
  maxChars: 5_000,
};
const never = new AbortController().signal;

async function refusal(url: string, rules: WebFetchSettings = settings): Promise<string> {
  try {
    await fetchPage(url, rules, never);
  } catch (error) {
    if (error instanceof ToolRefusal) return error.message;
    throw error;
  }
  throw new Error(`${url} was fetched`);
}

describe('happy', () => {
  it('reads an allow-listed page as text: title kept, scripts and styles dropped', async () => {
    const url = await addPage({
      path: '/fetch/alpenhof',
      body: htmlPage('Alpenhof &amp; Co', 'Three new sites in 2026.'),
    });
    const page = await fetchPage(url, settings, never);
    expect(page).toMatchObject({ url, requested: url, title: 'Alpenhof & Co' });
    expect(page.text).toContain('Three new sites in 2026.');
    expect(page.text).not.toContain('hidden');
    expect(page.text).not.toContain('color');
  });

  it('follows a redirect whose target passes the same rules', async () => {
    const target = await addPage({ path: '/fetch/target', body: htmlPage('Target', 'Arrived.') });
    const start = await addPage({ path: '/fetch/hop', location: '/fetch/target' });
    const page = await fetchPage(start, settings, never);
    expect(page).toMatchObject({ requested: start, url: target, title: 'Target' });
  });

  it('allows subdomains of a *. entry and the names it lists', () => {
    expect(checkUrl('https://api.docs.example/x', settings).host).toBe('api.docs.example');
    expect(checkUrl('https://ALLOWED.example./x#part', settings).toString()).toBe('https://allowed.example./x');
  });
});

describe('security', () => {
  it.each([
    ['10.0.0.1', 'http://10.0.0.1/'],
    ['172.16.0.1', 'http://172.16.5.4/'],
    ['192.168.1.1', 'http://192.168.1.1/'],
    ['169.254.169.254 (cloud metadata)', 'http://169.254.169.254/latest/meta-data/'],
    ['100.64.0.1 (shared)', 'http://100.64.0.1/'],
    ['192.0.2.1 (documentation)', 'http://192.0.2.1/'],
    ['224.0.0.1 (multicast)', 'http://224.0.0.1/'],
    ['255.255.255.255 (broadcast)', 'http://255.255.255.255/'],
    ['0.0.0.0', 'http://0.0.0.0/'],
    ['[::] (unspecified)', 'http://[::]/'],
    ['[fd00::1] (unique local)', 'http://[fd00::1]/'],
    ['[fe80::1] (link local)', 'http://[fe80::1]/'],
    ['[::ffff:10.0.0.1] (mapped)', 'http://[::ffff:10.0.0.1]/'],
    ['[::ffff:169.254.169.254] (mapped)', 'http://[::ffff:169.254.169.254]/'],
    ['[64:ff9b::a00:1] (NAT64 of 10.0.0.1)', 'http://[64:ff9b::a00:1]/'],
    ['[2002:a00:1::] (6to4 of 10.0.0.1)', 'http://[2002:a00:1::]/'],
    ['0xa000001 (hex 10.0.0.1)', 'http://0xa000001/'],
    ['167772161 (decimal 10.0.0.1)', 'http://167772161/'],
  ])('refuses a private address: %s', async (_label, url) => {
    expect(await refusal(url)).toMatch(/private or reserved address/);
  });

  it.each([
    ['127.0.0.1', 'http://127.0.0.1/'],
    ['127.0.0.2', 'http://127.0.0.2/'],
    ['0x7f000001 (hex 127.0.0.1)', 'http://0x7f000001/'],
    ['2130706433 (decimal 127.0.0.1)', 'http://2130706433/'],
    ['0177.0.0.1 (octal 127.0.0.1)', 'http://0177.0.0.1/'],
    ['[::1]', 'http://[::1]/'],
    ['[::ffff:127.0.0.1]', 'http://[::ffff:127.0.0.1]/'],
    ['localhost', 'http://localhost/'],
  ])('refuses loopback that is not allow-listed: %s', async (_label, url) => {
    expect(await refusal(url, { ...settings, allow: ['allowed.example'] })).toMatch(/loopback/);
  });

  it('refuses an allow-listed loopback host outside development', async () => {
    const url = await addPage({ path: '/fetch/dev-only', body: htmlPage('Dev', 'only') });
    expect(await refusal(url, { ...settings, loopbackAllowed: false })).toMatch(/127\.0\.0\.1 is a loopback address/);
    // Its decimal and hex spellings are the same host, and refused the same way.
    const port = new URL(url).port;
    for (const host of ['2130706433', '0x7f000001', '127.1'])
      expect(await refusal(`http://${host}:${port}/fetch/dev-only`, { ...settings, loopbackAllowed: false })).toMatch(
        /loopback/,
      );
  });

  it('takes public addresses for public, so only the allow-list stops them', async () => {
    for (const url of [
      'http://93.184.216.34/',
      'http://192.0.32.10/',
      'http://[2606:4700::1111]/',
      'http://[::ffff:8.8.8.8]/',
    ])
      expect(await refusal(url)).toMatch(/is not on the fetch allow-list/);
  });

  it('refuses a host that is not on the allow-list', async () => {
    expect(await refusal('https://elsewhere.example/')).toMatch(/not on the fetch allow-list/);
    expect(await refusal('https://docs.example/')).toMatch(/not on the fetch allow-list/);
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['ftp:', 'ftp://allowed.example/file'],
    ['data:', 'data:text/plain,hello'],
    ['javascript:', 'javascript:alert(1)'],
  ])('refuses the %s scheme', async (_scheme, url) => {
    expect(await refusal(url)).toMatch(/only http and https/);
  });

  it('refuses URLs with credentials and text that is no URL', async () => {
    expect(await refusal('http://user:pw@allowed.example/')).toMatch(/credentials/);
    expect(await refusal('not a url')).toMatch(/not a valid URL/);
  });

  it('refuses a redirect to a private address, and never requests it', async () => {
    const start = await addPage({ path: '/fetch/to-private', location: 'http://10.1.2.3/admin' });
    expect(await refusal(start)).toMatch(/10\.1\.2\.3 is a private or reserved address/);
    const metadata = await addPage({ path: '/fetch/to-metadata', location: 'http://[::ffff:a9fe:a9fe]/' });
    expect(await refusal(metadata)).toMatch(/private or reserved/);
  });

  it('refuses a redirect to a host off the allow-list and to another scheme', async () => {
    const away = await addPage({ path: '/fetch/to-away', location: 'https://elsewhere.example/' });
    expect(await refusal(away)).toMatch(/elsewhere\.example is not on the fetch allow-list/);
    const file = await addPage({ path: '/fetch/to-file', location: 'file:///etc/passwd' });
    expect(await refusal(file)).toMatch(/only http and https/);
  });

  it('refuses a redirect loop after five hops', async () => {
    const loop = await addPage({ path: '/fetch/loop', location: '/fetch/loop' });
    expect(await refusal(loop)).toMatch(/more than 5 redirects/);
  });

  it('refuses a body over the byte limit, streamed or declared, without reading it all', async () => {
    const base = env.FAKE_WEB_URL;
    expect(await refusal(`${base}/bytes/5000000`)).toMatch(/more than the 100000 bytes allowed/);
    expect(await refusal(`${base}/bytes/5000000?declared`)).toMatch(/5000000 bytes, more than the 100000/);
    const exact = await fetchPage(`${base}/bytes/100000`, settings, never);
    expect(exact.bytes).toBe(100_000);
  });

  it('gives up on a page that does not answer within the time limit', async () => {
    const url = await addPage({ path: '/fetch/slow', body: htmlPage('Slow', 'late'), delayMs: 5_000 });
    expect(await refusal(url, { ...settings, timeoutMs: 100 })).toMatch(
      /no answer from 127\.0\.0\.1:\d+ within 100 ms/,
    );
  });

  it('refuses content that is not text', async () => {
    const url = await addPage({ path: '/fetch/binary', body: 'PK', contentType: 'application/zip' });
    expect(await refusal(url)).toMatch(/content type application\/zip is not read/);
  });

  it('requested none of the refused addresses', async () => {
    const paths = (await webRequests()).map((request) => request.path);
    expect(paths).not.toContain('/admin');
  });
});
