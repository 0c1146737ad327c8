import { escapeHtml } from "./html.ts";
import { MAP_AREAS, type AreaDays, type AreaId } from "./page-areas.ts";

/**
 * Where each area's tile sits (column, row) in a schematic of the UK: equal squares placed
 * roughly where the area lies, the layout newsrooms and the ONS use for regional figures. Equal
 * tiles keep London (small, and where many strikes are) as readable as Scotland, cost about 3 KB
 * inline, need no map data or licence, and each tile carries its number as text.
 */
const TILES: Record<AreaId, [number, number]> = {
  scotland: [2, 0],
  "northern-ireland": [0, 1],
  "north-east": [3, 1],
  "north-west": [2, 2],
  yorkshire: [3, 2],
  wales: [1, 3],
  "west-midlands": [2, 3],
  "east-midlands": [3, 3],
  east: [4, 3],
  "south-west": [1, 4],
  "south-east": [2, 4],
  london: [3, 4],
};

const TILE = 68;
const STEP = 74;
const COLS = 5;
const ROWS = 5;

/**
 * Fill and text colour per shade (ColorBrewer "Blues"); text is dark on the light shades and
 * white on the dark ones so every label keeps a contrast of at least 4.5:1.
 */
const SHADES = [
  { fill: "#eef0f3", text: "#1a1a1a" },
  { fill: "#c6dbef", text: "#1a1a1a" },
  { fill: "#6baed6", text: "#111111" },
  { fill: "#2171b5", text: "#ffffff" },
  { fill: "#08306b", text: "#ffffff" },
] as const;

/** 0 for no strike day, else 1–4 by the share of the window's days with a strike. */
export function shadeOf(days: number, windowDays: number): number {
  if (days <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((4 * days) / Math.max(1, windowDays))));
}

/** The day counts each shade stands for in a window of `windowDays` ("1", "2–3", …). */
function shadeRanges(windowDays: number): string[] {
  const ranges: string[] = ["none"];
  for (let level = 1; level <= 4; level++) {
    const days = Array.from({ length: windowDays }, (_, i) => i + 1).filter(
      (d) => shadeOf(d, windowDays) === level,
    );
    if (days.length === 0) continue;
    const [lo, hi] = [days[0]!, days.at(-1)!];
    ranges[level] = lo === hi ? `${lo}` : `${lo}–${hi}`;
  }
  return ranges;
}

export interface MapOptions {
  counts: AreaDays;
  windowDays: number;
  /** What the window is, for the caption ("Mon 6 – Sun 12 Feb 2023"). */
  windowLabel: string;
  /** The page link that filters to an area, or undefined when the area cannot be a filter. */
  hrefFor(area: AreaId): string | undefined;
}

const dayWord = (n: number) => (n === 1 ? "1 strike day" : `${n} strike days`);

/**
 * The map: an inline SVG of twelve tiles shaded by strike days in the window, each a link that
 * filters the page to its area, with a legend and the counts as text (the SVG is a picture of the
 * same numbers, so nothing is only in colour).
 */
export function renderMap(o: MapOptions): string {
  const tiles = MAP_AREAS.map((a) => {
    const [col, row] = TILES[a.id];
    const n = o.counts.days[a.id];
    const shade = SHADES[shadeOf(n, o.windowDays)]!;
    const x = col * STEP + 3;
    const y = row * STEP + 3;
    const label = `${a.name}: ${dayWord(n)}`;
    const shape =
      `<rect x="${x}" y="${y}" width="${TILE}" height="${TILE}" rx="6" fill="${shade.fill}" stroke="#5a6270" stroke-width="1"/>` +
      `<text x="${x + TILE / 2}" y="${y + 28}" fill="${shade.text}" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(a.short)}</text>` +
      `<text x="${x + TILE / 2}" y="${y + 50}" fill="${shade.text}" text-anchor="middle" font-size="15">${n}</text>`;
    const href = o.hrefFor(a.id);
    return href
      ? `<a href="${escapeHtml(href)}" aria-label="${escapeHtml(label)}" class="tile" data-area="${a.id}" data-days="${n}"><title>${escapeHtml(label)}</title>${shape}</a>`
      : `<g role="img" aria-label="${escapeHtml(label)}" class="tile" data-area="${a.id}" data-days="${n}"><title>${escapeHtml(label)}</title>${shape}</g>`;
  }).join("");
  const ranges = shadeRanges(o.windowDays);
  const legend = SHADES.map((s, i) =>
    ranges[i]
      ? `<li><span class="swatch" style="background:${s.fill}"></span>${escapeHtml(ranges[i]!)}${i === 0 ? "" : ranges[i] === "1" ? " day" : " days"}</li>`
      : "",
  ).join("");
  const notes = [
    o.counts.noArea ? `${dayWord(o.counts.noArea)} with no area given (they may be anywhere).` : "",
    o.counts.unplaced
      ? `${dayWord(o.counts.unplaced)} in English places the map cannot place in a region.`
      : "",
  ]
    .filter(Boolean)
    .map((t) => `<p class="map-note">${escapeHtml(t)}</p>`)
    .join("");
  const width = COLS * STEP;
  const height = ROWS * STEP;
  return `<figure class="map" aria-labelledby="map-caption">
<figcaption id="map-caption">Strike days by nation and English region, ${escapeHtml(o.windowLabel)}. UK-wide strikes count in every area; strikes in England in every English region. Choose an area to show only its strikes.</figcaption>
<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-label="Map of the UK's nations and English regions" font-family="system-ui, sans-serif">${tiles}</svg>
<ul class="legend" aria-label="Shading">${legend}</ul>${notes}
</figure>`;
}
