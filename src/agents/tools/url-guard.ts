import { type AddressKind, ipv4Kind, ipv6Kind, parseIpv4, parseIpv6 } from './ip-ranges';
import { ToolRefusal } from './tool-errors';

export interface UrlPolicy {
  /** Host names allowed (`example.com`, or `*.example.com` for its subdomains); nothing else is fetched. */
  allow: readonly string[];
  /** A loopback host on the allow-list may be fetched: development only. */
  loopbackAllowed: boolean;
}

/** `example.com.` and `EXAMPLE.com` are the same host. */
const normalHost = (host: string) => host.toLowerCase().replace(/\.$/, '');

function onAllowList(host: string, allow: readonly string[]): boolean {
  return allow.some((entry) => {
    const rule = normalHost(entry);
    if (rule.startsWith('*.')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
    return host === rule;
  });
}

/** What a host names: an IP literal's kind, `localhost` as loopback, any other name as public. */
function hostKind(host: string): AddressKind {
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIpv6(host.slice(1, -1));
    return groups ? ipv6Kind(groups) : 'private';
  }
  const v4 = parseIpv4(host);
  if (v4) return ipv4Kind(v4);
  // A name URL parsing left numeric (it should not) is not trusted to be a public address.
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return 'private';
  return 'public';
}

/**
 * The URL a fetch may request, or a refusal naming the rule it breaks. Names are checked as
 * written: a Worker cannot resolve them first, so a public name pointing at a private address
 * (DNS rebinding) is not caught here.
 */
export function checkUrl(raw: string, policy: UrlPolicy, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new ToolRefusal(`not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ToolRefusal(`only http and https URLs are fetched, not ${url.protocol}`);
  if (url.username || url.password) throw new ToolRefusal('URLs with credentials are not fetched');
  const host = normalHost(url.hostname);
  const kind = hostKind(host);
  if (kind === 'private') throw new ToolRefusal(`${host} is a private or reserved address`);
  const allowed = onAllowList(host, policy.allow);
  if (kind === 'loopback' && !(allowed && policy.loopbackAllowed))
    throw new ToolRefusal(`${host} is a loopback address`);
  if (!allowed) throw new ToolRefusal(`${host} is not on the fetch allow-list (WEB_FETCH_ALLOW)`);
  url.hash = '';
  return url;
}
