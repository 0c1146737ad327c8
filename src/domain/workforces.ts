import { PhraseIndex } from "./phrase-index.ts";
import type { Sector } from "./vocabulary.ts";

export interface Workforce {
  /** Canonical plural form stored with a strike: "nurses", "ambulance workers". */
  name: string;
  sector: Sector;
}

/** Canonical workforce → the sector it works in and the other ways news names it. */
const WORKFORCES: Record<string, { sector: Sector; also: string[] }> = {
  nurses: { sector: "health", also: ["nurse", "nursing staff", "nursing"] },
  "ambulance workers": {
    sector: "health",
    also: [
      "ambulance worker",
      "ambulance staff",
      "ambulance crews",
      "paramedics",
      "paramedic",
      "ambulance",
    ],
  },
  "junior doctors": {
    sector: "health",
    also: ["junior doctor", "resident doctors", "resident doctor", "doctors in training"],
  },
  consultants: { sector: "health", also: ["consultant", "senior doctors", "hospital consultants"] },
  doctors: { sector: "health", also: ["doctor", "GPs", "GP"] },
  physiotherapists: {
    sector: "health",
    also: ["physiotherapist", "physios", "physiotherapy staff"],
  },
  midwives: { sector: "health", also: ["midwife"] },
  radiographers: { sector: "health", also: ["radiographer"] },
  "health workers": {
    sector: "health",
    also: [
      "health worker",
      "NHS staff",
      "NHS workers",
      "healthcare workers",
      "hospital staff",
      "NHS",
    ],
  },
  "train drivers": { sector: "rail", also: ["train driver", "drivers"] },
  "rail workers": {
    sector: "rail",
    also: [
      "rail worker",
      "rail staff",
      "railway workers",
      "signallers",
      "guards",
      "conductors",
      "rail",
    ],
  },
  "tube workers": {
    sector: "transport",
    also: ["tube staff", "London Underground workers", "tube"],
  },
  "bus drivers": { sector: "transport", also: ["bus driver", "bus workers", "buses", "bus"] },
  teachers: { sector: "education", also: ["teacher", "teaching staff", "school staff", "schools"] },
  "university staff": {
    sector: "education",
    also: ["lecturers", "lecturer", "academics", "university workers", "universities"],
  },
  "civil servants": {
    sector: "civil service",
    also: [
      "civil servant",
      "civil service workers",
      "civil service staff",
      "Border Force staff",
      "driving examiners",
    ],
  },
  "postal workers": {
    sector: "postal",
    also: [
      "postal worker",
      "posties",
      "Royal Mail workers",
      "Royal Mail staff",
      "post office workers",
      "postal",
    ],
  },
  firefighters: { sector: "fire", also: ["firefighter", "fire crews", "fire"] },
  "airport workers": {
    sector: "aviation",
    also: [
      "airport staff",
      "baggage handlers",
      "security staff",
      "airport",
      "airports",
      "cabin crew",
    ],
  },
  "council workers": {
    sector: "local government",
    also: ["council staff", "refuse workers", "bin workers", "bin collectors", "councils"],
  },
};

/** Words for a sector as a whole ("rail", "NHS") used by filters. */
const SECTOR_WORDS: Record<string, Sector> = {
  health: "health",
  healthcare: "health",
  "health service": "health",
  rail: "rail",
  railways: "rail",
  railway: "rail",
  trains: "rail",
  education: "education",
  "civil service": "civil service",
  postal: "postal",
  post: "postal",
  mail: "postal",
  fire: "fire",
  "fire service": "fire",
  aviation: "aviation",
  transport: "transport",
  "public transport": "transport",
  "local government": "local government",
  other: "other",
};

const workforceIndex = new PhraseIndex<Workforce>();
for (const [name, { sector, also }] of Object.entries(WORKFORCES)) {
  // Canonical names go first so that "rail" (a sector word) is kept for the sector index below.
  workforceIndex.add(name, { name, sector });
  for (const a of also)
    if (!(a.toLowerCase() in SECTOR_WORDS)) workforceIndex.add(a, { name, sector });
}

const sectorIndex = new PhraseIndex<Sector>();
for (const [word, sector] of Object.entries(SECTOR_WORDS)) sectorIndex.add(word, sector);

export const workforces: Readonly<PhraseIndex<Workforce>> = workforceIndex;
export const sectorWords: Readonly<PhraseIndex<Sector>> = sectorIndex;

export function resolveWorkforce(text: string): Workforce | undefined {
  return workforceIndex.get(text);
}

export function canonicalWorkforces(): string[] {
  return Object.keys(WORKFORCES);
}
