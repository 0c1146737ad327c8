import type { LookupAddress } from "node:dns";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/**
 * Where the feed reader may connect. Feeds, their redirects and the articles they link to are
 * URLs chosen by outsiders (anyone who can run /feeds add, or write a feed), so by default only
 * public unicast addresses are reachable: never loopback, link-local, private, unique-local,
 * carrier-grade NAT, multicast, reserved or unspecified ones, and never a cloud metadata
 * service. `allow` lists what an operator really wants polled inside the network
 * (FEEDS_ALLOW_PRIVATE): address ranges ("10.1.0.0/16", "127.0.0.1", "fd12::/64") or host
 * names ("intranet.example").
 */
export interface NetworkPolicy {
  allow: readonly string[];
  /** Name resolution (tests inject one; the default is the system resolver). */
  resolve?: (hostname: string) => Promise<readonly LookupAddress[]>;
}

export const STRICT_NETWORK: NetworkPolicy = { allow: [] };

/**
 * Metadata services hand out cloud credentials: refused even when an allowlist range covers
 * them (169.254.169.254 for AWS, GCP, Azure, Oracle and others; AWS's IPv6 and ECS task
 * endpoints; Alibaba's; Oracle's 192.0.0.192).
 */
const METADATA = [
  "169.254.169.254",
  "169.254.170.2",
  "169.254.170.23",
  "fd00:ec2::254",
  "100.100.100.200",
  "192.0.0.192",
].map((a) => ipaddr.parse(a).toNormalizedString());

export class RefusedAddressError extends Error {
  readonly code = "EREFUSEDADDRESS";
}

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** The IPv4 address an IPv6 one carries (NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = a.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (a.range() === "rfc6052") return v4(p[6]!, p[7]!);
  if (a.range() === "6to4") return v4(p[1]!, p[2]!);
  return null;
}

interface Allowlist {
  ranges: [Addr, number][];
  hosts: Set<string>;
}

const compiled = new WeakMap<NetworkPolicy, Allowlist>();

function allowlist(policy: NetworkPolicy): Allowlist {
  let list = compiled.get(policy);
  if (!list) {
    list = { ranges: [], hosts: new Set() };
    for (const entry of policy.allow) {
      const e = entry.trim().toLowerCase();
      if (!e) continue;
      if (e.includes("/")) list.ranges.push(ipaddr.parseCIDR(e));
      else if (ipaddr.isValid(e)) {
        const a = ipaddr.process(e);
        list.ranges.push([a, a.kind() === "ipv4" ? 32 : 128]);
      } else list.hosts.add(e.replace(/\.$/, ""));
    }
    compiled.set(policy, list);
  }
  return list;
}

/** Checks an allowlist entry's syntax (for config): a range, an address, or a host name. */
export function allowEntryError(entry: string): string | null {
  const e = entry.trim();
  if (e.includes("/")) {
    try {
      ipaddr.parseCIDR(e);
      return null;
    } catch {
      return `"${e}" is not an address range like 10.0.0.0/8`;
    }
  }
  if (
    ipaddr.isValid(e) ||
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(e)
  )
    return null;
  return `"${e}" is not an address, a range or a host name`;
}

/**
 * Why the reader must not connect to `address` (for host `hostname`), or null when it may.
 * IPv4-mapped IPv6 forms (::ffff:127.0.0.1) are judged as the IPv4 address they are.
 */
export function refusal(address: string, policy: NetworkPolicy, hostname?: string): string | null {
  let a: Addr;
  try {
    a = ipaddr.process(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return `"${address}" is not an IP address`;
  }
  if (
    METADATA.includes(a.toNormalizedString()) ||
    (a.kind() === "ipv6" && METADATA.includes((a as ipaddr.IPv6).toNormalizedString()))
  )
    return "a cloud metadata address";
  const list = allowlist(policy);
  if (hostname && list.hosts.has(hostname.toLowerCase().replace(/\.$/, ""))) return null;
  if (list.ranges.some(([net, bits]) => net.kind() === a.kind() && a.match(net, bits))) return null;
  let range = a.range();
  if (a.kind() === "ipv6") {
    const inner = embeddedIPv4(a as ipaddr.IPv6);
    if (inner) {
      const why = refusal(inner.toString(), policy);
      return why ? `${why} (inside ${range})` : null;
    }
  }
  if (range === "unicast") return null;
  if (range === "uniqueLocal") range = "private";
  return `a ${range.replace(/([A-Z])/g, " $1").toLowerCase()} address`;
}

/** Refusal of a URL's host before any connection (an IP literal, or an allowed name). */
export function urlRefusal(url: URL, policy: NetworkPolicy): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return refusal(host, policy);
  if (/^(localhost|localhost\.localdomain)\.?$/i.test(host) || /\.localhost\.?$/i.test(host))
    return allowlist(policy).hosts.has(host.toLowerCase()) ? null : "a loopback name";
  return null;
}
