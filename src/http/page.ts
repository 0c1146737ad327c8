import { addDays, formatDay, formatDayRange, type IsoDay } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { escapeHtml } from "./html.ts";
import { areaFilterValue } from "./page-areas.ts";
import { PAGE_ROWS, type PageData } from "./page-data.ts";
import { renderFilterForm } from "./page-form.ts";
import { renderMap } from "./page-map.ts";
import { renderMonth } from "./page-month.ts";
import { addMonths, pageHref, windowDays } from "./page-request.ts";
import { stanceHtml, strikeHtml } from "./page-strike.ts";
import { PAGE_STYLE } from "./page-style.ts";
import { filterParams } from "./query-params.ts";

export { escapeHtml } from "./html.ts";

export interface PageLinks {
  /** The calendar feed for the same filters (https) and as a webcal: subscription. */
  calendarUrl: string;
  webcalUrl: string;
}

export interface PageContext {
  data: PageData;
  unions: Unions;
  links: PageLinks;
  /** Why the request was refused (a bad filter or date), shown above the form. */
  error?: string;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function monthLabel(day: IsoDay): string {
  return `${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

function countText(n: number): string {
  return n === 1 ? "1 strike day" : `${n} strike days`;
}

/** The export links carry the filters and the window shown. */
function exportQuery(d: PageData): string {
  const q = filterParams(d.request.filters);
  q.set("from", d.request.from);
  q.set("to", d.request.to);
  return q.toString();
}

function renderList(c: PageContext): string {
  const d = c.data;
  const r = d.request;
  const days = d.days
    .map((g) => {
      const isToday = g.day === d.today;
      const past = g.day < d.today;
      const heading = `<h3 id="d-${g.day}"${isToday ? ' aria-current="date"' : ""}>${escapeHtml(formatDay(g.day, true))}${isToday ? ' <span class="today-badge">Today</span>' : ""}</h3>`;
      // The pages this day's strike days fall on, for the ones this page does not show.
      const pageOf = (i: number) => Math.floor(i / PAGE_ROWS) + 1;
      const elsewhere = () => {
        const pages: number[] = [];
        for (let p = pageOf(g.firstIndex); p <= pageOf(g.firstIndex + g.total - 1); p++)
          if (p !== r.page) pages.push(p);
        return pages
          .map(
            (p) => `<a href="${escapeHtml(pageHref(r, { page: p, from: r.from }))}">page ${p}</a>`,
          )
          .join(", ");
      };
      let body: string;
      if (g.total === 0) body = `<p class="none">No strikes found.</p>`;
      else if (g.rows.length === 0)
        body = `<p class="none">${countText(g.total)}, on ${elsewhere()} of this week.</p>`;
      else
        body = `<ul class="strikes">${g.rows.map((row) => strikeHtml(row, c.unions, d.timeZone)).join("")}</ul>${g.rows.length < g.total ? `<p class="none">${countText(g.total - g.rows.length)} more on this day, on ${elsewhere()}.</p>` : ""}`;
      return `<section class="day${isToday ? " is-today" : ""}${past ? " past" : ""}" aria-labelledby="d-${g.day}">${heading}${body}</section>`;
    })
    .join("");
  const pager =
    d.pages > 1
      ? `<nav class="pages" aria-label="Pages of this week"><p>Page ${r.page} of ${d.pages} (${PAGE_NOTE}).</p>${r.page > 1 ? `<a rel="prev" href="${escapeHtml(pageHref(r, { page: r.page - 1, from: r.from }))}">Previous page</a>` : ""}${r.page < d.pages ? ` <a rel="next" href="${escapeHtml(pageHref(r, { page: r.page + 1, from: r.from }))}">Next page</a>` : ""}</nav>`
      : "";
  return `${pager}<div class="days">${days}</div>${pager}`;
}

const PAGE_NOTE = "a busy week is split into pages";

/**
 * The public strike page: the filters, a week day by day (or a month calendar), the map, the
 * stances of the unions shown, and links to the same strikes as a calendar feed, JSON and CSV.
 * Pure: everything it shows is in `PageContext`, and every string from feeds or users is escaped.
 */
export function renderPage(c: PageContext): string {
  const d = c.data;
  const r = d.request;
  const month = r.view === "month";
  const label = month ? monthLabel(r.from) : formatDayRange(r.from, r.to);
  const earlier = month ? addMonths(r.from, -1) : addDays(r.from, -7);
  const later = month ? addMonths(r.from, 1) : addDays(r.from, 7);
  const step = month ? "month" : "week";
  const nav = `<nav class="window" aria-label="Earlier and later">
<a rel="prev" href="${escapeHtml(pageHref(r, { from: earlier }))}">← Earlier ${step}</a>
${d.today < r.from || d.today > r.to ? `<a href="${escapeHtml(pageHref(r, { from: d.today }))}">This ${step}</a>` : ""}
<a rel="next" href="${escapeHtml(pageHref(r, { from: later }))}">Later ${step} →</a>
</nav>`;
  const strikes = month
    ? renderMonth({
        days: d.days,
        today: d.today,
        caption: `Strikes in ${label}`,
        unions: c.unions,
        weekHref: (day) => pageHref(r, { view: "list", from: day }),
      })
    : renderList(c);
  const map = renderMap({
    counts: d.areaDays,
    windowDays: windowDays(r),
    windowLabel: label,
    hrefFor: (id) => {
      const value = areaFilterValue(id);
      return value ? pageHref(r, { filters: { ...r.filters, regions: [value] } }) : undefined;
    },
  });
  const stances = d.stances.length
    ? `<ul class="stances">${d.stances.map((s) => stanceHtml(s, d.timeZone)).join("")}</ul>`
    : `<p>No stances recorded in the last 90 days${r.filters.unions.length || r.filters.sectors.length ? " for these unions and sectors" : ""}.</p>`;
  const exportQs = exportQuery(d);
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strikes ${escapeHtml(label)} · strikewatch</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<a class="skip" href="#strikes-h">Skip to the strikes</a>
<header><h1>Strike calendar</h1><p>Strikes across the UK, from the news and from staff, as of ${escapeHtml(formatDay(d.today, true))}.</p></header>
<main>
${c.error ? `<p class="error" role="alert">${escapeHtml(c.error)}</p>` : ""}
${renderFilterForm({ request: r, unions: c.unions.all() })}
<div class="layout">
<section class="results" aria-labelledby="strikes-h">
<h2 id="strikes-h">${escapeHtml(label)}: ${countText(d.total - d.calledOff)}${d.calledOff ? `, and ${d.calledOff} called off` : ""}</h2>
${nav}
<div id="strikes">${strikes}</div>
${nav.replace('aria-label="Earlier and later"', 'aria-label="Earlier and later (end of list)"')}
</section>
<aside class="side">
<section aria-labelledby="map-h"><h2 id="map-h">Where</h2>${map}</section>
<section aria-labelledby="stances-h"><h2 id="stances-h">Latest stances</h2>${stances}</section>
<section aria-labelledby="take-h" class="take"><h2 id="take-h">Take these strikes with you</h2><ul>
<li><a id="subscribe-link" href="${escapeHtml(c.links.webcalUrl)}">Subscribe in your calendar</a> (updates itself) or download <a id="ics-link" href="${escapeHtml(c.links.calendarUrl)}">calendar.ics</a></li>
<li><a id="csv-link" href="/strikes.csv?${escapeHtml(exportQs)}">Spreadsheet (CSV)</a> of ${escapeHtml(label)}, for rota planning</li>
<li><a id="json-link" href="/api/strikes?${escapeHtml(exportQs)}">JSON</a> for programs (the API is described in the project's docs/api.md)</li>
</ul></section>
</aside>
</div>
</main>
<footer><p>strikewatch · every strike cites its source; check with your employer or union before changing a rota.</p></footer>
</body>
</html>`;
}
