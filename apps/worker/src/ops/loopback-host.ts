import { isIP } from 'node:net';

/**
 * True when `host` is a loopback address: `localhost`, `::1` or an IPv4 address in 127.0.0.0/8. The address is
 * parsed, not prefix-matched, so `127.evil.example` or `127.0.0.1.nip.io` (names anyone can point anywhere) are
 * not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return isIP(bare) === 4 && bare.split('.')[0] === '127';
}
