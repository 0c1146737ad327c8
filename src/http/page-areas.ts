import { nationOf, resolveRegion } from "../domain/regions.ts";
import { normalizePhrase } from "../domain/phrase-index.ts";

/**
 * The areas the page's map shades: the three devolved nations and England's nine regions (the
 * ONS "regions", ITL1). Each has a short label for the map tile.
 */
export const MAP_AREAS = [
  { id: "scotland", name: "Scotland", short: "Scot" },
  { id: "northern-ireland", name: "Northern Ireland", short: "NI" },
  { id: "north-east", name: "North East", short: "NE" },
  { id: "north-west", name: "North West", short: "NW" },
  { id: "yorkshire", name: "Yorkshire and the Humber", short: "Y&H" },
  { id: "wales", name: "Wales", short: "Wales" },
  { id: "west-midlands", name: "West Midlands", short: "W Mid" },
  { id: "east-midlands", name: "East Midlands", short: "E Mid" },
  { id: "east", name: "East of England", short: "East" },
  { id: "south-west", name: "South West", short: "SW" },
  { id: "london", name: "London", short: "Lon" },
  { id: "south-east", name: "South East", short: "SE" },
] as const;
export type AreaId = (typeof MAP_AREAS)[number]["id"];

const ENGLISH_REGIONS: readonly AreaId[] = [
  "north-east",
  "north-west",
  "yorkshire",
  "east-midlands",
  "west-midlands",
  "east",
  "london",
  "south-east",
  "south-west",
];

/**
 * Places as stored on a strike (a nation, a region, a city or county) and the map area they lie
 * in. Nations cover their areas; "UK" covers every area.
 */
const PLACE_AREAS: Record<string, readonly AreaId[]> = {
  uk: MAP_AREAS.map((a) => a.id),
  england: ENGLISH_REGIONS,
  wales: ["wales"],
  scotland: ["scotland"],
  "northern ireland": ["northern-ireland"],
};
const IN_AREA: Record<AreaId, string[]> = {
  scotland: ["Glasgow", "Edinburgh", "Aberdeen", "Dundee"],
  "northern-ireland": ["Belfast", "Derry"],
  wales: ["Cardiff", "Swansea", "Newport"],
  "north-east": ["North East", "Newcastle", "Sunderland", "Durham", "Middlesbrough"],
  "north-west": [
    "North West",
    "Manchester",
    "Greater Manchester",
    "Liverpool",
    "Merseyside",
    "Lancashire",
    "Cumbria",
    "Cheshire",
  ],
  yorkshire: ["Yorkshire and the Humber", "Yorkshire", "Leeds", "Sheffield", "Bradford", "Hull"],
  "east-midlands": ["East Midlands", "Nottingham", "Leicester", "Derby", "Lincolnshire"],
  "west-midlands": ["West Midlands", "Birmingham", "Coventry", "Wolverhampton", "Stoke"],
  east: ["East of England", "Essex", "Cambridge", "Norwich", "Norfolk", "Suffolk", "Luton"],
  london: ["London", "Greater London"],
  "south-east": ["South East", "Kent", "Oxford", "Brighton", "Southampton", "Reading", "Surrey"],
  "south-west": ["South West", "Bristol", "Cornwall", "Devon", "Plymouth", "Exeter"],
};
for (const [area, places] of Object.entries(IN_AREA) as [AreaId, string[]][])
  for (const p of places) PLACE_AREAS[normalizePhrase(p)] = [area];

/**
 * The map areas a stored region covers: "UK" all twelve, "England" its nine regions,
 * "Manchester" the North West. An English place the table does not know lies somewhere in
 * England, so it is reported as unplaced rather than guessed.
 */
export function areasOf(region: string): readonly AreaId[] | "unplaced" {
  const hit = PLACE_AREAS[normalizePhrase(region)];
  if (hit) return hit;
  const nation = nationOf(region);
  if (nation && nation !== "England") return PLACE_AREAS[normalizePhrase(nation)] ?? "unplaced";
  return "unplaced";
}

export interface AreaDays {
  /** Distinct strike days touching each area. */
  days: Record<AreaId, number>;
  /** Days of strikes that gave no area at all (they may be anywhere). */
  noArea: number;
  /** Days of strikes in English places the map cannot place in a region. */
  unplaced: number;
}

/**
 * Distinct days with a strike on in each area, from (day, regions) pairs of the strikes that are
 * on (called-off days are left out by the caller). A UK-wide strike counts in every area, one in
 * England in every English region, one in Manchester in the North West.
 */
export function countAreaDays(
  rows: Iterable<{ day: string; regions: readonly string[] }>,
): AreaDays {
  const seen = new Map<string, Set<string>>();
  const mark = (key: string, day: string) => {
    let set = seen.get(key);
    if (!set) seen.set(key, (set = new Set()));
    set.add(day);
  };
  for (const r of rows) {
    if (r.regions.length === 0) mark("none", r.day);
    for (const region of r.regions) {
      const areas = areasOf(region);
      if (areas === "unplaced") mark("unplaced", r.day);
      else for (const a of areas) mark(a, r.day);
    }
  }
  const days = Object.fromEntries(
    MAP_AREAS.map((a) => [a.id, seen.get(a.id)?.size ?? 0]),
  ) as Record<AreaId, number>;
  return { days, noArea: seen.get("none")?.size ?? 0, unplaced: seen.get("unplaced")?.size ?? 0 };
}

/**
 * England's regions as filter choices: the value is the name the region filter knows (the
 * region's own name, else the first of its places that resolves), so ticking a region or
 * choosing its map tile filters the page to it.
 */
export function englishRegionFilters(): { id: AreaId; name: string; value: string }[] {
  return MAP_AREAS.filter((a) => ENGLISH_REGIONS.includes(a.id)).flatMap((a) => {
    const value = [a.name, ...IN_AREA[a.id]].find((p) => resolveRegion(p));
    return value ? [{ id: a.id, name: a.name, value: resolveRegion(value)!.name }] : [];
  });
}

/** The region filter value for a map area (a nation's name, or an English region's filter). */
export function areaFilterValue(id: AreaId): string | undefined {
  const area = MAP_AREAS.find((a) => a.id === id)!;
  if (!ENGLISH_REGIONS.includes(id)) return resolveRegion(area.name)?.name;
  return englishRegionFilters().find((r) => r.id === id)?.value;
}
