// Client addresses: the canonical text stored in the access log, the address-or-network filters of a
// search, and spotting addresses in free text that would otherwise leak into responses.
import { isIP } from 'node:net';

const MAPPED_DOTTED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;
const MAPPED_HEX = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i;

/**
 * The address as the access log stores it, or null when `value` is not an IP address (a trusted proxy
 * can forward anything). IPv4 seen through a dual-stack socket (::ffff:a.b.c.d) is stored as plain IPv4,
 * so that a search for 203.0.113.0/24 finds it; IPv6 zone ids are dropped (inet has none).
 */
export function normalizeClientIp(value: string | undefined | null): string | null {
  if (!value) return null;
  const address = value.trim().split('%')[0];
  if (isIP(address) === 0) return null;
  const dotted = MAPPED_DOTTED.exec(address);
  if (dotted) return dotted[1];
  const hex = MAPPED_HEX.exec(address);
  if (hex) {
    const [high, low] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return isIP(address) === 6 ? address.toLowerCase() : address;
}

/** An address (203.0.113.7) or a network in CIDR form (203.0.113.0/24, 2001:db8::/32); null when neither. */
export function parseIpFilter(value: string): string | null {
  const parts = value.trim().split('/');
  if (parts.length > 2 || value.includes('%')) return null;
  const address = normalizeClientIp(parts[0]);
  if (!address) return null;
  if (parts.length === 1) return address;
  if (!/^\d{1,3}$/.test(parts[1])) return null;
  const prefix = Number(parts[1]);
  // A mapped IPv4 network would have to be rewritten too; asking for the plain IPv4 network is clearer.
  if (address !== parts[0].toLowerCase() && isIP(address) === 4) return null;
  return prefix <= (isIP(address) === 4 ? 32 : 128) ? `${address}/${prefix}` : null;
}

/** True when the text contains something that is an IP address (alone, with a port, or as a network). */
export function containsIpAddress(text: string): boolean {
  return text
    .split(/[\s,;()[\]{}<>"'`=|]+/)
    .map((token) => token.replace(/^[.:!?]+|[.:!?]+$/g, ''))
    .some((token) => {
      const candidates = [token, token.replace(/\/\d{1,3}$/, ''), token.replace(/:\d{1,5}$/, ''), token.split('%')[0]];
      return candidates.some((c) => c.length > 1 && isIP(c) !== 0);
    });
}
