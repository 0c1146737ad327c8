import { formatDay, formatDayRange, isoWeekday, addDays, type IsoDay } from "../domain/calendar.ts";
import type { StanceRecord, StrikeDay } from "../domain/facts.ts";
import { NATIONS, SECTORS } from "../domain/vocabulary.ts";
import { describeStance } from "../query/stance-words.ts";
import type { CalendarFilters } from "./query-params.ts";

/** Everything on the page is text from feeds or users until proven otherwise: escape it all. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export interface PageData {
  today: IsoDay;
  weeks: number;
  filters: CalendarFilters;
  rows: StrikeDay[];
  stances: StanceRecord[];
  unionNames: string[];
  calendarUrl: string;
  webcalUrl: string;
  error?: string;
}

function select(
  name: string,
  label: string,
  options: readonly string[],
  chosen: readonly string[],
): string {
  const opts = [
    `<option value="">Any</option>`,
    ...options.map(
      (o) =>
        `<option value="${escapeHtml(o)}"${chosen.includes(o) ? " selected" : ""}>${escapeHtml(o)}</option>`,
    ),
  ];
  return `<label for="${name}">${label}</label><select id="${name}" name="${name}">${opts.join("")}</select>`;
}

/**
 * The public strike calendar: upcoming strikes by week, filters that work without JavaScript
 * (a GET form), the calendar-subscription link for those filters, and each union's latest
 * stance. Landmarks, labels, a readable single column on a phone, contrast above 4.5:1.
 */
export function renderPage(d: PageData): string {
  const weeks: { start: IsoDay; rows: StrikeDay[] }[] = [];
  for (const r of d.rows) {
    const start = addDays(r.day, 1 - isoWeekday(r.day));
    let w = weeks.at(-1);
    if (!w || w.start !== start) {
      w = { start, rows: [] };
      weeks.push(w);
    }
    w.rows.push(r);
  }
  const list = weeks.length
    ? weeks
        .map(
          (w) =>
            `<section aria-labelledby="w-${w.start}"><h2 id="w-${w.start}">Week of ${escapeHtml(formatDayRange(w.start, addDays(w.start, 6)))}</h2><ul class="strikes">${w.rows
              .map(
                (r) =>
                  `<li class="strike status-${escapeHtml(r.status)}"><span class="day">${escapeHtml(formatDay(r.day))}</span> <strong>${escapeHtml(r.union)}</strong> ${escapeHtml(r.workforce)}${r.regions.length ? ` · ${escapeHtml(r.regions.join(", "))}` : ""} · <span class="status">${escapeHtml(r.status)}</span> <span class="source">(${
                    r.source.url && /^https?:\/\//.test(r.source.url)
                      ? `<a href="${escapeHtml(r.source.url)}" rel="nofollow noopener">${escapeHtml(r.source.label)}</a>`
                      : escapeHtml(r.source.label)
                  })</span></li>`,
              )
              .join("")}</ul></section>`,
        )
        .join("")
    : `<p class="empty">No strikes found in the next ${d.weeks} weeks for these filters.</p>`;
  const stances = d.stances.length
    ? `<ul>${d.stances.map((s) => `<li>${escapeHtml(describeStance(s.union, s.stance, s.about))} <span class="source">(${escapeHtml(s.source.label)})</span></li>`).join("")}</ul>`
    : "<p>No stances recorded yet.</p>";
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strike calendar · strikewatch</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fff; }
  header, main, footer { max-width: 48rem; margin: 0 auto; padding: 0 1rem; }
  header { border-bottom: 3px solid #1d3557; }
  h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
  h2 { font-size: 1.15rem; margin-top: 1.5rem; color: #1d3557; }
  form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
  form label { display: block; font-weight: 600; }
  select, button { font: inherit; padding: .3rem; }
  button { background: #1d3557; color: #fff; border: 0; padding: .4rem 1rem; border-radius: 4px; }
  ul.strikes { list-style: none; padding: 0; }
  ul.strikes li { padding: .35rem 0; border-bottom: 1px solid #ddd; }
  .day { display: inline-block; min-width: 6.5rem; font-weight: 600; }
  .status-cancelled .status, .status-suspended .status, .status-postponed .status { color: #9b1c1c; }
  .source { color: #4a4a4a; font-size: .9rem; }
  a { color: #1d3557; }
  .subscribe { background: #eef2f7; padding: .75rem 1rem; border-radius: 4px; }
  .error { background: #fde8e8; color: #9b1c1c; padding: .5rem 1rem; }
</style>
</head>
<body>
<header><h1>Strike calendar</h1><p>Upcoming strikes across the UK, from the news and from staff, as of ${escapeHtml(formatDay(d.today, true))}.</p></header>
<main>
${d.error ? `<p class="error" role="alert">${escapeHtml(d.error)}</p>` : ""}
<form method="get" action="/" role="search" aria-label="Filter strikes">
  <div>${select("union", "Union", d.unionNames, d.filters.unions)}</div>
  <div>${select("region", "Region", NATIONS, d.filters.regions)}</div>
  <div>${select("sector", "Sector", SECTORS, d.filters.sectors)}</div>
  <div><button type="submit">Show</button></div>
</form>
<p class="subscribe">Add these strikes to your calendar: <a id="subscribe-link" href="${escapeHtml(d.webcalUrl)}">subscribe</a> or download <a id="ics-link" href="${escapeHtml(d.calendarUrl)}">calendar.ics</a>.</p>
<div id="strikes">${list}</div>
<section aria-labelledby="stances-h"><h2 id="stances-h">Latest stances</h2>${stances}</section>
</main>
<footer><p>strikewatch · facts cite their sources; check with your employer or union.</p></footer>
</body>
</html>`;
}
