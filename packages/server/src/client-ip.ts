import { BlockList, isIP } from 'node:net';

/** Proxies allowed to name the client: a hop count, or the proxies' addresses and CIDR ranges. */
export type TrustProxy = false | number | string[];

export type ParsedTrustProxy = { hops: number } | { list: BlockList } | false;

export function parseTrustProxy(trust: TrustProxy): ParsedTrustProxy {
  if (trust === false) return false;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 1)
      throw new TypeError('trustProxy: a hop count is a whole number ≥ 1.');
    return { hops: trust };
  }
  const list = new BlockList();
  for (const entry of trust) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new TypeError(`trustProxy: "${entry}" is not an IP address or CIDR range.`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return { list };
}

/** `::ffff:1.2.3.4` is IPv4 in IPv6 clothing; Auth0 and the rate limits want the plain form. */
function normalize(address: string): string | null {
  const trimmed = address.trim().replace(/^\[|\]$/g, '');
  const plain = trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
  return isIP(plain) === 0 ? null : plain;
}

const isTrusted = (list: BlockList, address: string) =>
  list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');

/**
 * The end user's IP: the socket's peer, unless that peer is a trusted proxy, in which case
 * `X-Forwarded-For` is read from the right, skipping trusted hops. Anything that is not an IP
 * address is ignored, so a forged header can at worst name the proxy itself.
 */
export function clientIp(
  socketAddress: string | undefined,
  forwardedFor: string | null,
  trust: ParsedTrustProxy,
): string | null {
  const peer = socketAddress === undefined ? null : normalize(socketAddress);
  if (!trust || !forwardedFor || !peer) return peer;
  const chain = forwardedFor.split(',').map(normalize);
  if ('hops' in trust) {
    // The last `hops` entries were added by our own proxies; the one before them is the client's.
    const candidate = chain[chain.length - trust.hops];
    return candidate ?? peer;
  }
  if (!isTrusted(trust.list, peer)) return peer;
  for (let index = chain.length - 1; index >= 0; index -= 1) {
    const hop = chain[index];
    if (hop === null || hop === undefined) return peer;
    if (!isTrusted(trust.list, hop)) return hop;
  }
  return peer;
}
