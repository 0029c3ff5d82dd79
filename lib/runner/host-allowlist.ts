// RUNBOARD_RUNNER_ALLOWED_HOSTS: which machines runner hosts may be. Entries
// are host names (exact, or "*.ci.example.com" for any name below it) and IP
// addresses or CIDRs (IPv4 and IPv6). Unset: any host (the behaviour before
// the setting existed). Set: a host outside it is refused before any
// connection, and the address checked is the one connected to (a name is
// resolved once, here, and the SSH client is given that address), so a name
// that later resolves elsewhere (DNS rebinding) gains nothing.
// parseHostRules is pure (lib/env.ts validates the setting with it).
import { lookup } from "node:dns/promises";
import net from "node:net";
import { AppError } from "@/lib/errors";

export type HostRule =
  | { kind: "name"; name: string }
  | { kind: "below"; domain: string }
  | { kind: "cidr"; address: string; prefix: number; family: "ipv4" | "ipv6" };

const LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const HOST_NAME = new RegExp(`^(?=.{1,253}$)${LABEL}(?:\\.${LABEL})*\\.?$`);

/** Comma- or space-separated entries; throws naming the first bad one. */
export function parseHostRules(text: string): HostRule[] {
  const entries = text.split(/[\s,]+/).filter(Boolean);
  if (!entries.length) throw new Error("give at least one host name, *.domain, IP address or CIDR");
  return entries.map((e) => {
    const [addr, bits, extra] = e.split("/");
    const family = net.isIP(addr);
    if (family && extra === undefined) {
      const max = family === 4 ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!(prefix >= 0 && prefix <= max)) throw new Error(`"${e}": the prefix length must be 0-${max}`);
      return { kind: "cidr", address: addr, prefix, family: family === 4 ? "ipv4" : "ipv6" };
    }
    if (e.startsWith("*.") && HOST_NAME.test(e.slice(2))) return { kind: "below", domain: e.slice(2).toLowerCase().replace(/\.$/, "") };
    if (!e.includes("/") && !e.includes("*") && HOST_NAME.test(e)) return { kind: "name", name: e.toLowerCase().replace(/\.$/, "") };
    throw new Error(`"${e}" is not a host name, *.domain, IP address or CIDR`);
  });
}

/** ::ffff:a.b.c.d is the IPv4 address a.b.c.d */
function plain(address: string): { address: string; family: "ipv4" | "ipv6" } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: "ipv4" };
  return { address, family: net.isIP(address) === 4 ? "ipv4" : "ipv6" };
}

export function addressAllowed(rules: HostRule[], address: string): boolean {
  const list = new net.BlockList();
  for (const r of rules) if (r.kind === "cidr") list.addSubnet(r.address, r.prefix, r.family);
  const a = plain(address);
  return list.check(a.address, a.family);
}

export function nameAllowed(rules: HostRule[], host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return rules.some((r) => (r.kind === "name" && r.name === h) || (r.kind === "below" && h.endsWith(`.${r.domain}`)));
}

function refuse(host: string, why: string): never {
  throw new AppError("validation_failed", `Runner host ${host} is not allowed: ${why}. Nothing was sent to it; an operator can allow it in RUNBOARD_RUNNER_ALLOWED_HOSTS.`,
    [{ path: "host", message: "outside RUNBOARD_RUNNER_ALLOWED_HOSTS" }]);
}

/**
 * The address to connect to for `host`, or a 422 when the host is outside
 * the allowed list. Without a list: the host as given (resolved by the SSH client).
 */
export async function allowedAddress(host: string, rules: HostRule[] | undefined): Promise<string> {
  if (!rules) return host;
  if (net.isIP(host)) return addressAllowed(rules, host) ? host : refuse(host, "its address is outside the allowed networks");
  let addresses: string[];
  try {
    addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return refuse(host, "the name does not resolve");
  }
  if (nameAllowed(rules, host) && addresses[0]) return addresses[0];
  return addresses.find((a) => addressAllowed(rules, a)) ?? refuse(host, "the name is not listed and does not resolve into an allowed network");
}
