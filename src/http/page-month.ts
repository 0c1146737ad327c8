import { formatDay, isoWeekday, type IsoDay } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { CALLED_OFF } from "../domain/vocabulary.ts";
import { escapeHtml } from "./html.ts";
import type { DayGroup } from "./page-data.ts";
import { unionHtml } from "./page-strike.ts";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface MonthOptions {
  days: readonly DayGroup[];
  today: IsoDay;
  caption: string;
  unions: Unions;
  /** The list view of the week starting on a day (each cell's "all N" link). */
  weekHref(day: IsoDay): string;
}

/**
 * A month as a calendar table (Monday first, as in Britain): each day names up to a few strikes
 * and links to that week's full list. On a phone the table becomes a list of the days that have
 * strikes (CSS only), since seven columns do not fit.
 */
export function renderMonth(o: MonthOptions): string {
  if (o.days.length === 0) return "";
  const first = o.days[0]!.day;
  const lead = isoWeekday(first) - 1;
  const cells: string[] = [];
  for (let i = 0; i < lead; i++) cells.push(`<td class="pad" aria-hidden="true"></td>`);
  for (const g of o.days) {
    const isToday = g.day === o.today;
    const items = g.rows
      .map((r) => {
        const text = `${unionHtml(r.union, o.unions)}${r.workforce ? ` ${escapeHtml(r.workforce)}` : ""}`;
        return `<li class="status-${escapeHtml(r.status)}">${CALLED_OFF.has(r.status) ? `<s>${text}</s> <span class="status">called off</span>` : text}</li>`;
      })
      .join("");
    const more = g.total > g.rows.length ? g.total - g.rows.length : 0;
    const link =
      g.total > 0
        ? `<a class="more" href="${escapeHtml(o.weekHref(g.day))}">${more ? `+${more} more · ` : ""}${g.total === 1 ? "1 strike day" : `all ${g.total} strike days`}<span class="visually-hidden"> on ${escapeHtml(formatDay(g.day, true))}</span></a>`
        : "";
    cells.push(
      `<td class="${[g.total ? "busy" : "quiet", isToday ? "today" : ""].filter(Boolean).join(" ")}"${isToday ? ' aria-current="date"' : ""}><span class="date"><span class="num" aria-hidden="true">${Number(g.day.slice(8))}</span><span class="long">${escapeHtml(formatDay(g.day))}</span>${isToday ? ' <span class="today-badge">Today</span>' : ""}</span>${items ? `<ul>${items}</ul>` : ""}${link}</td>`,
    );
  }
  const last = o.days.at(-1)!.day;
  for (let i = isoWeekday(last); i < 7; i++) cells.push(`<td class="pad" aria-hidden="true"></td>`);
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(`<tr>${cells.slice(i, i + 7).join("")}</tr>`);
  return `<table class="month"><caption>${escapeHtml(o.caption)}</caption><thead><tr>${WEEKDAYS.map((d) => `<th scope="col"><abbr title="${d}">${d.slice(0, 3)}</abbr></th>`).join("")}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
