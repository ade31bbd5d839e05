/**
 * Which IP literals a fetch may reach: public unicast only. URL parsing has already put IPv4 in
 * dotted decimal (`0x7f000001`, `2130706433` and `127.1` all become `127.0.0.1`) and IPv6 in its
 * bracketed hex form; these functions decide on those canonical forms.
 */

export type AddressKind = 'public' | 'loopback' | 'private';

/** Four octets of a dotted-decimal IPv4 address, or undefined when the text is not one. */
export function parseIpv4(text: string): [number, number, number, number] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part))) return undefined;
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return octets as [number, number, number, number];
}

// Private, shared, link-local, documentation, benchmarking, multicast and reserved blocks (RFC 6890).
const NON_PUBLIC_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
];

const asNumber = ([a, b, c, d]: readonly number[]) =>
  (((a ?? 0) << 24) | ((b ?? 0) << 16) | ((c ?? 0) << 8) | (d ?? 0)) >>> 0;
const blocks = NON_PUBLIC_V4.map(([base, bits]) => {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (asNumber(base.split('.').map(Number)) & mask) >>> 0, mask };
});

export function ipv4Kind(octets: [number, number, number, number]): AddressKind {
  if (octets[0] === 127) return 'loopback';
  const value = asNumber(octets);
  return blocks.some(({ base, mask }) => (value & mask) >>> 0 === base) ? 'private' : 'public';
}

/** Eight 16-bit groups of an IPv6 address (an IPv4 tail allowed), or undefined when it is not one. */
export function parseIpv6(text: string): number[] | undefined {
  let body = text;
  const tail: number[] = [];
  if (text.includes('.')) {
    const lastColon = text.lastIndexOf(':');
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    const head = text.slice(0, lastColon + 1);
    body = head.endsWith('::') ? head : text.slice(0, lastColon);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if ([...head, ...rest].some((group) => !/^[0-9a-f]{1,4}$/i.test(group))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 && known !== 8) return undefined;
  if (halves.length === 2 && known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head.map((g) => Number.parseInt(g, 16)), ...zeros, ...rest.map((g) => Number.parseInt(g, 16)), ...tail];
}

const embeddedV4 = (high: number, low: number): [number, number, number, number] => [
  high >> 8,
  high & 0xff,
  low >> 8,
  low & 0xff,
];

export function ipv6Kind(groups: number[]): AddressKind {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const leadingZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (leadingZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  if (leadingZero && g5 === 0 && g6 === 0 && g7 === 0) return 'private';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if (leadingZero && (g5 === 0xffff || g5 === 0)) return ipv4Kind(embeddedV4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Kind(embeddedV4(g6, g7));
  // 6to4 carries its IPv4 address in the second and third groups.
  if (g0 === 0x2002) return ipv4Kind(embeddedV4(g1, g2));
  // Only global unicast (2000::/3) is public; Teredo and documentation space are not.
  if ((g0 & 0xe000) !== 0x2000) return 'private';
  if (g0 === 0x2001 && (g1 === 0 || g1 === 0xdb8)) return 'private';
  return 'public';
}
