// The words shared with the labelled corpus: every fact the bot stores uses exactly these values.

export const SECTORS = [
  "health",
  "rail",
  "education",
  "civil service",
  "postal",
  "fire",
  "aviation",
  "transport",
  "local government",
  "other",
] as const;
export type Sector = (typeof SECTORS)[number];

export const STRIKE_STATUSES = [
  "planned",
  "held",
  "cancelled",
  "suspended",
  "postponed",
  "threatened",
] as const;
export type StrikeStatus = (typeof STRIKE_STATUSES)[number];

/** Statuses that mean the walkout is off; everything else is on or may be on. */
export const CALLED_OFF: ReadonlySet<StrikeStatus> = new Set([
  "cancelled",
  "suspended",
  "postponed",
]);

export const STANCES = [
  "rejected_offer",
  "accepted_offer",
  "considering_offer",
  "balloting",
  "ballot_mandate",
  "ballot_failed",
  "in_talks",
  "suspended_action",
  "escalating",
  "welcomed_offer",
] as const;
export type StanceKind = (typeof STANCES)[number];

export const NATIONS = ["England", "Wales", "Scotland", "Northern Ireland", "UK"] as const;
export type Nation = (typeof NATIONS)[number];
