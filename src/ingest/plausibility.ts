import { addDays, daysBetween, type IsoDay } from "../domain/calendar.ts";

/**
 * What a strike read from the news may look like before a person has to check it. One
 * sentence ("a 999-day strike from 7am on 13 March 2027") once published 1,000 strike days at
 * confidence 0.9; such readings now wait in /review, whatever their confidence.
 */
export interface PlausibilityLimits {
  /** First to last day, inclusive: longer runs are held (UK strikes run days or weeks). */
  maxSpanDays: number;
  /** Days before or after the article's publication date: further ones are held. */
  maxDaysFromPublished: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilityLimits = {
  maxSpanDays: 60,
  maxDaysFromPublished: 366,
};

/**
 * Why a reading's days are implausible, in words for /review, or null when they are not.
 * Checked against the publication date and against today, so a feed item dated years ahead
 * cannot carry its facts past the check.
 */
export function implausibleDays(
  days: readonly IsoDay[],
  at: { published: IsoDay; today: IsoDay },
  limits: PlausibilityLimits = DEFAULT_PLAUSIBILITY,
): string | null {
  if (days.length === 0) return null;
  const sorted = [...days].sort();
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  const span = daysBetween(first, last) + 1;
  if (span > limits.maxSpanDays)
    return `its days span ${span} days (${first} to ${last}), more than the ${limits.maxSpanDays} a strike is expected to span`;
  const max = limits.maxDaysFromPublished;
  if (first < addDays(at.published, -max))
    return `${first} is more than ${max} days before the article was published (${at.published})`;
  if (last > addDays(at.published, max))
    return `${last} is more than ${max} days after the article was published (${at.published})`;
  if (last > addDays(at.today, max)) return `${last} is more than ${max} days from today`;
  return null;
}
