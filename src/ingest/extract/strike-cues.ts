import type { StrikeStatus } from "../../domain/vocabulary.ts";
import { NUMBER_WORDS } from "../../domain/number-words.ts";

/**
 * Words that report a walkout, and the ones that look like it but are not: ballots and
 * mandates (a vote, not a strike day), action short of a strike, overtime bans, and the many
 * other senses of "strike" (air strikes, striking a deal).
 */
const NOT_A_STRIKE =
  /\b(?:action short of (?:a )?strike|overtime ban|strike (?:ballot|vote|mandate|fund|pay|threshold|laws?|legislation)|(?:air|drone|missile|military|hunger|lightning rod)\s+strikes?|(?:strik(?:e|es|ing)|struck) (?:a|an|the) (?:\w+ )?(?:deal|balance|chord|note|match|pose|agreement|tone)|legal action|disciplinary action|court action|action plan|take action to|striking (?:example|resemblance|contrast|image))\b/gi;
const STRIKE =
  /\b(?:strik(?:e|es|ing)|struck|walk[- ]?outs?|walk(?:ed|ing|s)?\s+out|stoppages?|industrial action|picket(?:s|ing)?(?:\s+lines?)?|down(?:ed)? tools|(?:further|more|fresh|strike|this|the|of|by) action)\b/gi;

export interface CueSpan {
  start: number;
  end: number;
}

/** The sentence speaks of action that is not a strike (action short of a strike, a ballot). */
export function mentionsNonStrikeAction(sentence: string): boolean {
  return new RegExp(NOT_A_STRIKE.source, "i").test(sentence);
}

/** Where a sentence reports strikes (after blanking the look-alikes). */
export function strikeCues(sentence: string): CueSpan[] {
  const blanked = sentence.replace(NOT_A_STRIKE, (m) => " ".repeat(m.length));
  return [...blanked.matchAll(STRIKE)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Events that also have dates, which a date may belong to instead of a strike. */
const OTHER_EVENTS =
  /\b(?:decision|decided|reported|reports|confirmed|revealed|talks?|meetings?|met|ballots?|balloted|votes?|voted|referendum|deadline|announce(?:d|ment|s)?|results?|opened|closed|interview(?:ed)?|statement|published|offer(?:ed)?|tabled|election|inquiry|hearing|court|consultation|negotiations?|says?|said|told)\b/gi;

/** Whether another event word comes before `at` ("interviewed on Sunday", "opened on 5 December"). */
export function otherEventBefore(sentence: string, at: number): boolean {
  return new RegExp(OTHER_EVENTS.source, "i").test(sentence.slice(0, at));
}

/** True when the nearest event word before `at` is a strike word rather than another event. */
export function strikeGoverns(sentence: string, at: number, from = 0): boolean {
  const before = sentence.slice(from, at);
  const cues = strikeCues(before);
  const lastCue = cues.at(-1)?.end ?? -1;
  const others = [
    ...before
      .replace(NOT_A_STRIKE, (m) =>
        /ballot|vote|mandate/i.test(m) ? "ballot" + " ".repeat(m.length - 6) : " ".repeat(m.length),
      )
      .matchAll(OTHER_EVENTS),
  ];
  const lastOther = others.at(-1) ? others.at(-1)!.index + others.at(-1)![0].length : -1;
  if (lastCue > lastOther) return true;
  if (lastOther > lastCue) return false;
  // A date before its strike word: "on 21 December, nurses will strike".
  const after = sentence.slice(at, at + 60);
  const next = strikeCues(after)[0];
  return next !== undefined && after.slice(0, next.start).split(/\s+/).length <= 7;
}

/** "will not strike on", "will not fall on the same day": the sentence denies a strike day. */
const DENIAL =
  /\b(?:not|n't|never|no longer)\s+(?:\w+\s+){0,2}(?:strike|striking|walk|fall|take part|join|go ahead|take place|be held|affect)/i;

export function deniesStrike(sentence: string): boolean {
  return DENIAL.test(sentence);
}

const OFF: [RegExp, StrikeStatus][] = [
  [
    /\b(?:call(?:ed|s|ing)? off|cancel(?:l?ed|s|ling)?|scrapped|axed|abandoned|withdrawn)\b/i,
    "cancelled",
  ],
  [/\b(?:suspend(?:ed|s|ing)?|paus(?:ed|es|ing)|halt(?:ed|s)?|put on hold)\b/i, "suspended"],
  [/\b(?:postpon(?:ed|es|ing)|delayed|rescheduled|pushed back|deferred)\b/i, "postponed"],
];
const NOT_CALLED_OFF =
  /\b(?:not|n't|never)\s+(?:\w+\s+){0,2}(?:suspend|cancel|call|postpone|pause)/i;

/** A strike called off in this sentence, by which word. */
export function offStatus(sentence: string): StrikeStatus | undefined {
  if (NOT_CALLED_OFF.test(sentence)) return undefined;
  for (const [re, status] of OFF) if (re.test(sentence)) return status;
  return undefined;
}

/**
 * How the article says its strike was called off. Headlines say "called off" for what the
 * body calls a suspension or a postponement, so the more specific word wins.
 */
export function articleOffStatus(sentences: readonly string[]): StrikeStatus | undefined {
  const found = new Set(sentences.map(offStatus).filter((x): x is StrikeStatus => x !== undefined));
  for (const s of ["suspended", "postponed", "cancelled"] as const) if (found.has(s)) return s;
  return undefined;
}

/** "had been scheduled to walk out": a plan that the rest of the article says is off. */
export function speaksOfFormerPlan(sentence: string): boolean {
  return /\b(?:had been|was|were)\s+(?:scheduled|due|planned|set)\b|\bhad planned\b/i.test(
    sentence,
  );
}

/** Conditional or warned-of action ("could strike", "would resume if"), but "unless" is a plan. */
export function isThreat(sentence: string): boolean {
  if (/\bunless\b/i.test(sentence)) return false;
  // "may" only in lower case: "May 2" is a date.
  return (
    /\b(?:could|would|might|threat(?:en|ens|ened)?|warn(?:ed|s)?|possible|potential)\b/i.test(
      sentence,
    ) || /\bmay\b/.test(sentence)
  );
}

/** "20 further strike days from 13 March to 21 April": a window, not a run of strike days. */
export function statedDayCount(sentence: string): number | undefined {
  const m =
    /\b(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty)\s+(?:further\s+|more\s+|additional\s+|separate\s+)?(?:strike\s+)?days\b/i.exec(
      sentence,
    );
  if (!m) return undefined;
  return NUMBER_WORDS[m[1]!.toLowerCase()] ?? Number(m[1]);
}
