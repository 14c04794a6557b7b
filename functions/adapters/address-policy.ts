import { BlockList, isIP } from 'node:net';

/** Address ranges a harvester has no business connecting to, with the name the error gives. */
const RANGES: readonly { readonly cidr: string; readonly kind: string }[] = [
  { cidr: '0.0.0.0/8', kind: '"this network"' },
  { cidr: '10.0.0.0/8', kind: 'private' },
  { cidr: '100.64.0.0/10', kind: 'shared (carrier-grade NAT)' },
  { cidr: '127.0.0.0/8', kind: 'loopback' },
  { cidr: '169.254.0.0/16', kind: 'link-local' },
  { cidr: '172.16.0.0/12', kind: 'private' },
  { cidr: '192.0.0.0/24', kind: 'IETF protocol assignment' },
  { cidr: '192.0.2.0/24', kind: 'documentation' },
  { cidr: '192.168.0.0/16', kind: 'private' },
  { cidr: '198.18.0.0/15', kind: 'benchmarking' },
  { cidr: '198.51.100.0/24', kind: 'documentation' },
  { cidr: '203.0.113.0/24', kind: 'documentation' },
  { cidr: '224.0.0.0/4', kind: 'multicast' },
  { cidr: '240.0.0.0/4', kind: 'reserved' },
  { cidr: '::/128', kind: 'unspecified' },
  { cidr: '::1/128', kind: 'loopback' },
  { cidr: '::/96', kind: 'IPv4-compatible (deprecated)' },
  { cidr: 'fc00::/7', kind: 'unique-local' },
  { cidr: 'fe80::/10', kind: 'link-local' },
  { cidr: 'fec0::/10', kind: 'site-local (deprecated)' },
  { cidr: 'ff00::/8', kind: 'multicast' },
  { cidr: '2001:db8::/32', kind: 'documentation' },
  { cidr: '100::/64', kind: 'discard-only' },
];

const LISTS = RANGES.map(({ cidr, kind }) => {
  const [network, prefix] = cidr.split('/') as [string, string];
  const list = new BlockList();
  list.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return { list, family: isIP(network) === 6 ? ('ipv6' as const) : ('ipv4' as const), kind, cidr };
});

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  // The URL parser writes any IPv6 address in one canonical form, an embedded IPv4 part in hex.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

/** The IPv4 address an IPv6 address carries (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), or null. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const mapped = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (!mapped && !nat64) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

/**
 * Why the harvester must not connect to an address, or null when it is a public one: loopback,
 * private, link-local, unique-local, multicast, documentation and other special ranges, in IPv4
 * and IPv6, an IPv4 address inside an IPv6 one (mapped, NAT64) judged as the IPv4 address it is.
 */
export function forbiddenAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return `"${address}" is not an IP address`;
  const inner = family === 6 ? embeddedIpv4(address) : null;
  if (inner !== null) {
    const reason = forbiddenAddressReason(inner);
    return reason === null ? null : `${reason} (carried in ${address})`;
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  for (const range of LISTS) {
    if (range.family === type && range.list.check(address, type)) {
      return `${address} is in the ${range.kind} range ${range.cidr}`;
    }
  }
  return null;
}
