import type { IsoDay } from "../../domain/calendar.ts";
import type { Sector, StanceKind, StrikeStatus } from "../../domain/vocabulary.ts";

/** An article as extraction sees it. `published` anchors every relative date. */
export interface ArticleInput {
  title: string;
  text: string;
  published: IsoDay;
}

/** The corpus vocabulary (`../shared/corpus/README.md`), so output can be scored as is. */
export interface ExtractedStrike {
  union: string;
  workforce: string;
  sector: Sector;
  regions: string[];
  dates: IsoDay[];
  when_text: string;
  status: StrikeStatus;
  evidence: string;
  confidence: number;
}

export interface ExtractedStance {
  union: string;
  stance: StanceKind;
  about: string;
  evidence: string;
  confidence: number;
}

export interface Extraction {
  relevant: boolean;
  strikes: ExtractedStrike[];
  stances: ExtractedStance[];
}
