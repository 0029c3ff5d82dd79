// Which address a request comes from, for the sign-in rate limit. The socket's
// peer address unless the operator says a reverse proxy is in front
// (RUNBOARD_TRUSTED_PROXIES): then X-Forwarded-For is read from the right,
// skipping the proxies, so a client cannot pick its own address by sending
// the header itself. lib/ops/web-server.ts puts the result in CLIENT_IP_HEADER
// (replacing whatever the client sent), and better-auth reads only that header.
import { BlockList, isIP } from "node:net";

/** A hop count (that many proxies in front) or the proxies' addresses/CIDR ranges. */
export type TrustedProxies = { hops: number } | { ranges: string[] } | null;

/** Parses RUNBOARD_TRUSTED_PROXIES: unset -> null; "2" -> two hops; "10.0.0.0/8, 192.168.1.5" -> those ranges. */
export function parseTrustedProxies(raw: string | undefined): TrustedProxies | string {
  const v = raw?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return hops >= 1 && hops <= 10 ? { hops } : "a hop count must be 1 to 10";
  }
  const ranges = v.split(",").map((s) => s.trim()).filter(Boolean);
  for (const r of ranges) if (!parseRange(r)) return `"${r}" is neither a hop count nor an IP address or CIDR range`;
  return { ranges };
}

function unmap(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m ? m[1] : ip;
}

function parseRange(r: string): { ip: string; prefix: number; family: "ipv4" | "ipv6" } | null {
  const [ip, bits, extra] = r.split("/");
  if (extra !== undefined) return null;
  const fam = isIP(unmap(ip));
  if (!fam) return null;
  const max = fam === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d+$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  return prefix <= max ? { ip: unmap(ip), prefix, family: fam === 4 ? "ipv4" : "ipv6" } : null;
}

function blockList(ranges: string[]): BlockList {
  const list = new BlockList();
  for (const r of ranges) {
    const p = parseRange(r);
    if (p) list.addSubnet(p.ip, p.prefix, p.family);
  }
  return list;
}

/**
 * The client's address: `socket` when no proxy is trusted; otherwise the first
 * address, walking from the socket leftwards through X-Forwarded-For, that is
 * not a trusted proxy (hop count: the one `hops` steps left of the socket).
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustedProxies): string | undefined {
  const peer = socket ? unmap(socket) : undefined;
  if (!trusted || !peer) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor ?? "").split(",").map((s) => unmap(s.trim())).filter(Boolean);
  // nearest first: the socket, then X-Forwarded-For from the right
  const chain = [peer, ...forwarded.reverse()];
  if ("hops" in trusted) {
    for (let i = 1; i <= trusted.hops && i < chain.length; i++) if (!isIP(chain[i])) return chain[i - 1];
    return chain[Math.min(trusted.hops, chain.length - 1)];
  }
  const list = blockList(trusted.ranges);
  for (let i = 0; i < chain.length; i++) {
    const ip = chain[i];
    const fam = isIP(ip);
    if (!fam) return chain[Math.max(0, i - 1)];
    if (!list.check(ip, fam === 4 ? "ipv4" : "ipv6")) return ip;
  }
  return chain[chain.length - 1]; // every hop is a trusted proxy: the leftmost one is the best we know
}
