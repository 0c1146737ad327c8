import { dayInZone, formatShortDate } from "../domain/calendar.ts";
import type { StanceRecord, StoredSource, StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import { describeStance } from "../query/stance-words.ts";
import { escapeHtml } from "./html.ts";
import { publicSource, publicSourceName } from "./public-source.ts";

/** A source as a link (news with a public address) or plain text ("staff (Slack)"). */
export function sourceHtml(s: StoredSource): string {
  const p = publicSource(s);
  const name = escapeHtml(publicSourceName(p));
  return p.kind === "news" && p.url
    ? `<a href="${escapeHtml(p.url)}" rel="nofollow noopener noreferrer">${name}</a>`
    : name;
}

/** "RCN" with its full name for those who do not know the acronym. */
export function unionHtml(name: string, unions: Unions): string {
  const full = unions.byCanonicalName(name)?.fullName;
  return full && full !== name
    ? `<abbr title="${escapeHtml(full)}">${escapeHtml(name)}</abbr>`
    : escapeHtml(name);
}

/**
 * One strike day: who, where, status and source. A called-off day is struck through and says
 * so in words too, so colour and line are never the only sign.
 */
export function strikeHtml(r: StrikeDay, unions: Unions, timeZone: string): string {
  const off = CALLED_OFF.has(r.status);
  const who = `<strong>${unionHtml(r.union, unions)}</strong>${r.workforce ? ` ${escapeHtml(r.workforce)}` : ""}${r.employer ? ` at ${escapeHtml(r.employer)}` : ""}`;
  const where = r.regions.length
    ? escapeHtml(r.regions.join(", "))
    : `<span class="no-area">area not given</span>`;
  const body = `<span class="who">${who}</span> <span class="where">${where}</span>`;
  const status = off ? `called off (${r.status})` : r.status;
  return `<li class="strike status-${escapeHtml(r.status)}">${off ? `<s>${body}</s>` : body} <span class="status">${escapeHtml(status)}</span> <span class="source">Source: ${sourceHtml(r.source)}, ${escapeHtml(formatShortDate(dayInZone(r.asOf, timeZone)))}</span></li>`;
}

/** A stance as a sentence, with when it was said and who said so. */
export function stanceHtml(s: StanceRecord, timeZone: string): string {
  const when = dayInZone(s.asOf, timeZone);
  return `<li class="stance"><span class="said">${escapeHtml(describeStance(s.union, s.stance, s.about))}</span> <span class="source"><time datetime="${when}">${escapeHtml(formatShortDate(when, true))}</time> · ${sourceHtml(s.source)}</span></li>`;
}
