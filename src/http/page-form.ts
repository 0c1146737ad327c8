import { knownRegionNames } from "../domain/regions.ts";
import type { UnionInfo } from "../domain/unions.ts";
import { NATIONS, SECTORS, STRIKE_STATUSES } from "../domain/vocabulary.ts";
import { canonicalWorkforces } from "../domain/workforces.ts";
import { escapeHtml, idFor } from "./html.ts";
import { englishRegionFilters } from "./page-areas.ts";
import type { PageRequest } from "./page-request.ts";

interface Choice {
  value: string;
  label: string;
}

/**
 * One multi-select as a group of checkboxes in a disclosure: it works without JavaScript (a
 * plain GET form sends every ticked value), every box has its label, and the group is open when
 * something in it is chosen so the reader sees what is filtering the list.
 */
function group(name: string, title: string, choices: readonly Choice[], chosen: readonly string[]) {
  const picked = choices.filter((c) => chosen.includes(c.value)).length;
  const boxes = choices
    .map((c) => {
      const id = idFor("f", name, c.value);
      return `<li><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(c.value)}"${chosen.includes(c.value) ? " checked" : ""}><label for="${id}">${escapeHtml(c.label)}</label></li>`;
    })
    .join("");
  return `<details class="choices"${picked ? " open" : ""}><summary>${escapeHtml(title)}${picked ? ` <span class="picked">(${picked} chosen)</span>` : ""}</summary><fieldset><legend class="visually-hidden">${escapeHtml(title)}</legend><ul>${boxes}</ul></fieldset></details>`;
}

export interface FormOptions {
  request: PageRequest;
  unions: readonly UnionInfo[];
}

/** The filter form: a plain GET to /, so it works in any browser with scripts off. */
export function renderFilterForm(o: FormOptions): string {
  const f = o.request.filters;
  const unions = [...o.unions]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((u) => ({
      value: u.name,
      label: u.fullName && u.fullName !== u.name ? `${u.name} · ${u.fullName}` : u.name,
    }));
  const nations = NATIONS.map((n) => ({ value: n, label: n === "UK" ? "UK-wide" : n }));
  const regions = englishRegionFilters().map((r) => ({ value: r.value, label: r.name }));
  const listed = new Set([...nations, ...regions].map((c) => c.value));
  const places = knownRegionNames()
    .filter((p) => !listed.has(p))
    .sort();
  // A place typed or chosen that is neither a nation nor an English region goes in the text box.
  const typed = f.regions.filter((r) => !listed.has(r));
  const view = o.request.view;
  return `<form method="get" action="/" class="filters" aria-labelledby="filters-h">
<h2 id="filters-h">Filter strikes</h2>
<div class="when">
<fieldset class="view"><legend>Show</legend>
<input type="radio" id="view-list" name="view" value="list"${view === "list" ? " checked" : ""}><label for="view-list">A week, day by day</label>
<input type="radio" id="view-month" name="view" value="month"${view === "month" ? " checked" : ""}><label for="view-month">A month calendar</label>
</fieldset>
<div><label for="from">Starting</label><input type="date" id="from" name="from" value="${escapeHtml(o.request.from)}" min="2000-01-01" max="2099-12-31"></div>
</div>
<div class="groups">
${group("union", "Unions", unions, f.unions)}
${group("region", "Nations", nations, f.regions)}
${group("region", "English regions", regions, f.regions)}
<div class="place"><label for="place">Town, city or county</label><input type="text" id="place" name="region" list="places" value="${escapeHtml(typed.join(", "))}" autocomplete="off" aria-describedby="place-help"><p id="place-help" class="help">Also finds strikes across the region and nation around it.</p><datalist id="places">${places.map((p) => `<option value="${escapeHtml(p)}"></option>`).join("")}</datalist></div>
${group(
  "sector",
  "Sectors",
  SECTORS.map((s) => ({ value: s, label: s })),
  f.sectors,
)}
${group(
  "workforce",
  "Workforces",
  canonicalWorkforces().map((w) => ({ value: w, label: w })),
  f.workforces,
)}
${group(
  "status",
  "Status",
  STRIKE_STATUSES.map((s) => ({ value: s, label: s })),
  f.statuses,
)}
</div>
<div class="actions"><button type="submit">Show strikes</button> <a href="/${view === "month" ? "?view=month" : ""}">Clear filters</a></div>
</form>`;
}
