import type { StoredSource } from "../domain/facts.ts";

/**
 * A source as the public sees it (the page, the JSON API, the CSV export, the calendar feed):
 * news is the article's title and, when the address is a public web page, its link; a staff
 * entry is "staff (Slack)". Public output never names a person (a chat name or user id) and never
 * links to an internal address a feed item happened to carry.
 */
export type PublicSource =
  { kind: "news"; title: string; url: string | null } | { kind: "staff"; platform: string };

const PLATFORM_NAMES: Record<string, string> = {
  slack: "Slack",
  discord: "Discord",
  console: "console",
};

/** Names that only resolve inside an organisation, or never resolve on the public internet. */
const INTERNAL_SUFFIXES = [
  "localhost",
  "local",
  "localdomain",
  "internal",
  "intranet",
  "private",
  "corp",
  "home",
  "lan",
  "arpa",
  "invalid",
];

/**
 * Whether a URL is fit to link to from a public page: http(s), no credentials, a host name with
 * a dot in it and not under an internal-only suffix. Address literals are refused outright (no
 * newsroom publishes at 10.0.0.7 or [fd00::1], and telling private from public ranges by pattern
 * is exactly the kind of check that misses one); this is about what we show, while fetching is
 * guarded separately by the address actually connected to.
 */
export function isPublicUrl(text: string | null | undefined): boolean {
  if (!text) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host.startsWith("[") || /^[\d.]+$/.test(host) || /^0x/i.test(host)) return false;
  const labels = host.split(".");
  if (labels.length < 2 || labels.some((l) => l === "")) return false;
  return !INTERNAL_SUFFIXES.includes(labels.at(-1)!);
}

export function publicSource(s: StoredSource): PublicSource {
  if (s.kind === "user") {
    const p = (s.platform ?? "").toLowerCase();
    return { kind: "staff", platform: PLATFORM_NAMES[p] ?? (p || "chat") };
  }
  const url = isPublicUrl(s.url) ? s.url : null;
  const title = s.label.trim() || (url ? new URL(url).hostname.replace(/^www\./, "") : "");
  return { kind: "news", title: title || "news report", url };
}

/** "staff (Slack)", or the article's title. */
export function publicSourceName(p: PublicSource): string {
  return p.kind === "staff" ? `staff (${p.platform})` : p.title;
}

/** One line of plain text: "Ambulance strikes: https://…", "staff (Slack)". */
export function publicSourceText(s: StoredSource): string {
  const p = publicSource(s);
  return p.kind === "news" && p.url ? `${p.title}: ${p.url}` : publicSourceName(p);
}
