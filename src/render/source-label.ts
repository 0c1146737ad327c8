import type { Caller } from "../command.ts";
import { dayInZone, formatShortDate } from "../domain/calendar.ts";
import type { StoredSource } from "../domain/facts.ts";

/** "you, 12 Jan", "Jo Bloggs, 12 Jan", "bbc.co.uk, 12 Jan": who said so, and when. */
export function sourceLabel(
  source: StoredSource,
  asOf: Date,
  viewer: Caller,
  timeZone: string,
): string {
  return `${sourceName(source, viewer)}, ${formatShortDate(dayInZone(asOf, timeZone))}`;
}

export function sourceName(source: StoredSource, viewer: Caller): string {
  if (source.kind === "user") {
    const self = source.platform === viewer.platform && source.userId === viewer.id;
    return self ? "you" : source.label;
  }
  return publisherOf(source.url) ?? source.label;
}

function publisherOf(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol === "file:") return undefined;
    return u.hostname.replace(/^www\./, "");
  } catch {
    return undefined;
  }
}
