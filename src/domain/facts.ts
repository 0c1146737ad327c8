import type { IsoDay } from "./calendar.ts";
import type { Sector, StanceKind, StrikeStatus } from "./vocabulary.ts";

/** Where a fact came from: a news article, or a person who posted it in chat. */
export type Source =
  | {
      kind: "article";
      url: string;
      title: string;
      /** When the article was published: the "as of" time of what it says. */
      published: Date;
    }
  | {
      kind: "user";
      platform: string;
      userId: string;
      userName?: string;
      /** When they posted it. */
      posted: Date;
    };

export function sourceKey(s: Source): string {
  return s.kind === "article" ? `article:${s.url}` : `user:${s.platform}:${s.userId}`;
}

export function sourceTime(s: Source): Date {
  return s.kind === "article" ? s.published : s.posted;
}

/** What one source says about one strike: the unit the store merges into its actions. */
export interface StrikeFact {
  union: string;
  workforce: string;
  sector: Sector;
  employer?: string;
  regions: string[];
  days: IsoDay[];
  status: StrikeStatus;
  source: Source;
  confidence: number;
  whenText?: string;
  evidence?: string;
}

export interface StanceFact {
  union: string;
  stance: StanceKind;
  about: string;
  source: Source;
  evidence?: string;
}

/** A source as stored and cited back to readers. */
export interface StoredSource {
  id: number;
  kind: "article" | "user";
  label: string;
  url: string | null;
  platform: string | null;
  userId: string | null;
}

/** One row of a `/strikes` answer: a day of one action. */
export interface StrikeDay {
  day: IsoDay;
  status: StrikeStatus;
  actionId: number;
  union: string;
  workforce: string;
  sector: Sector;
  employer: string | null;
  regions: string[];
  source: StoredSource;
  /** When that source said so (article publication or chat post). */
  asOf: Date;
}

export interface StrikeAction {
  id: number;
  union: string;
  workforce: string;
  sector: Sector;
  employer: string | null;
  regions: string[];
  status: StrikeStatus;
  confidence: number;
  days: { day: IsoDay; status: StrikeStatus }[];
}

export interface StanceRecord {
  id: number;
  union: string;
  stance: StanceKind;
  about: string;
  asOf: Date;
  source: StoredSource;
}
