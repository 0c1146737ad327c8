import { PhraseIndex } from "./phrase-index.ts";
import type { Nation } from "./vocabulary.ts";

/** Nations as news and users write them, including adjectives ("Welsh ambulance service"). */
const NATION_SPELLINGS: Record<Nation, string[]> = {
  England: ["England", "English"],
  Wales: ["Wales", "Welsh", "Cymru"],
  Scotland: ["Scotland", "Scottish"],
  "Northern Ireland": ["Northern Ireland", "NI", "Northern Irish"],
  UK: [
    "UK",
    "United Kingdom",
    "UK-wide",
    "nationwide",
    "Britain",
    "Great Britain",
    "GB",
    "British",
  ],
};

/**
 * Named areas kept as regions when the text names no nation (DESIGN: "a named area"), with the
 * nation they lie in so a "Wales" filter also finds a Cardiff strike.
 */
const AREAS: Record<string, Nation> = {
  London: "England",
  "Greater London": "England",
  Manchester: "England",
  "Greater Manchester": "England",
  Birmingham: "England",
  "West Midlands": "England",
  "East Midlands": "England",
  Yorkshire: "England",
  Leeds: "England",
  Sheffield: "England",
  Liverpool: "England",
  Merseyside: "England",
  Bristol: "England",
  Newcastle: "England",
  "North East": "England",
  "North West": "England",
  "South West": "England",
  "South East": "England",
  "East of England": "England",
  Kent: "England",
  Essex: "England",
  Cornwall: "England",
  Devon: "England",
  Nottingham: "England",
  Leicester: "England",
  Coventry: "England",
  Oxford: "England",
  Cambridge: "England",
  Cardiff: "Wales",
  Swansea: "Wales",
  Newport: "Wales",
  Glasgow: "Scotland",
  Edinburgh: "Scotland",
  Aberdeen: "Scotland",
  Dundee: "Scotland",
  Belfast: "Northern Ireland",
  Derry: "Northern Ireland",
};

export interface Region {
  /** The value stored: a nation, or a named area. */
  name: string;
  nation: Nation;
}

const index = new PhraseIndex<Region>();
for (const [nation, spellings] of Object.entries(NATION_SPELLINGS) as [Nation, string[]][]) {
  for (const s of spellings) index.add(s, { name: nation, nation });
}
for (const [area, nation] of Object.entries(AREAS)) index.add(area, { name: area, nation });

export const regionIndex: Readonly<PhraseIndex<Region>> = index;

export function resolveRegion(text: string): Region | undefined {
  return index.get(text);
}

export function nationOf(region: string): Nation | undefined {
  return index.get(region)?.nation;
}

export function knownRegionNames(): string[] {
  return [...Object.keys(NATION_SPELLINGS), ...Object.keys(AREAS)];
}
