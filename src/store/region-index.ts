import { nationOf } from "../domain/regions.ts";

// How regions are indexed (action_regions) and matched, so a filter on a nation also finds
// UK-wide strikes and strikes in that nation's towns.

/** The region values a filter on `region` matches: the region itself, and a nation's areas via UK. */
export function regionsMatching(filter: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of filter) {
    out.add(r);
    if (r === "UK") ["England", "Wales", "Scotland", "Northern Ireland"].forEach((n) => out.add(n));
    else if (nationOf(r) === r) out.add("UK");
  }
  return [...out];
}

/** What an action is indexed under: its regions and the nations they lie in. */
export function indexedRegions(regions: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    out.add(r);
    const nation = nationOf(r);
    if (nation) out.add(nation);
  }
  return [...out];
}
