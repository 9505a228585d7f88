/**
 * Whether a host is the loopback interface, decided by parsing the address rather than by its prefix: a host
 * name such as `127.evil.example` or `127.0.0.1.nip.io` resolves wherever its owner likes, so only literal
 * loopback addresses and the reserved name `localhost` count.
 */

// Dotted-quad IPv4 in its canonical form (what `new URL()` produces): four decimal parts 0–255, no leading zeros.
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;

function ipv4Octets(text: string): number[] | undefined {
  return IPV4.test(text) ? text.split('.').map(Number) : undefined;
}

// The eight 16-bit groups of an IPv6 address, or undefined when `text` is not one. An embedded dotted IPv4 tail
// (`::ffff:127.0.0.1`) becomes the last two groups.
function ipv6Groups(text: string): number[] | undefined {
  let body = text;
  const tail: number[] = [];
  const lastColon = body.lastIndexOf(':');
  if (body.slice(lastColon + 1).includes('.')) {
    const octets = ipv4Octets(body.slice(lastColon + 1));
    if (!octets) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = octets;
    tail.push((a << 8) | b, (c << 8) | d);
    body = body.slice(0, lastColon + 1);
    // `::ffff:1.2.3.4` leaves `::ffff:`; a lone trailing colon is only valid as part of `::`.
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (![...head, ...rest].every((group) => HEX_GROUP.test(group))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [
    ...head.map((group) => Number.parseInt(group, 16)),
    ...zeros,
    ...rest.map((group) => Number.parseInt(group, 16)),
    ...tail,
  ];
}

function isLoopbackIpv6(groups: number[]): boolean {
  const leadingZeros = groups.slice(0, 5).every((group) => group === 0);
  // ::1 itself, or an IPv4-mapped address (::ffff:127.x.y.z) that dual-stack sockets send to 127.0.0.0/8.
  if (leadingZeros && groups[5] === 0 && groups[6] === 0) return groups[7] === 1;
  return leadingZeros && groups[5] === 0xffff && (groups[6] ?? 0) >> 8 === 127;
}

/**
 * Whether `host` is a loopback address: `localhost`, IPv4 `127.0.0.0/8`, IPv6 `::1` (brackets allowed, as in a
 * URL) or an IPv4-mapped `::ffff:127.x.y.z`. Any other name is not loopback, however it starts.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('[::1]'); // true
 * isLoopbackHost('127.0.0.1.nip.io'); // false
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost') return true;
  const octets = ipv4Octets(name);
  if (octets) return octets[0] === 127;
  const bare = name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name;
  const groups = bare.includes(':') ? ipv6Groups(bare) : undefined;
  return groups !== undefined && isLoopbackIpv6(groups);
}

/**
 * Whether the host of `url` is a loopback address (see {@link isLoopbackHost}); false for text that is not a URL.
 * The URL parser first turns shorthand such as `http://127.1/` into `127.0.0.1`.
 */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
