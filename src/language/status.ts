import type { StrikeStatus } from "../domain/vocabulary.ts";
import type { Token } from "./tokens.ts";
import { lemma } from "./words.ts";

/**
 * What a clause says about its action: called off (and how), only threatened, denied, or a
 * plan spoken of as past. Read over lemmas in the clause and the sentence around it, with the
 * scope of negation, conditions and reported speech.
 */
export interface ClauseStatus {
  off?: StrikeStatus;
  threatened: boolean;
  denied: boolean;
  formerPlan: boolean;
  /** "had been due to strike": a plan that, by the telling, is no longer on. */
  abandonedPlan?: boolean;
  /** The tense of the clause's own predicate, for relative days. */
  tense: "past" | "future" | "unknown";
}

const OFF_LEMMAS = new Map<string, StrikeStatus>([
  ["cancel", "cancelled"],
  ["scrap", "cancelled"],
  ["axe", "cancelled"],
  ["abandon", "cancelled"],
  ["withdraw", "cancelled"],
  ["suspend", "suspended"],
  ["pause", "suspended"],
  ["halt", "suspended"],
  ["postpone", "postponed"],
  ["delay", "postponed"],
  ["reschedule", "postponed"],
  ["defer", "postponed"],
]);
const NEGATORS = new Set(["not", "n't", "never", "no", "nor", "without"]);
const MODAL_THREAT = new Set(["could", "might"]);
const CONDITIONS = new Set(["if", "should", "unless"]);
const PAST_AUX = new Set(["was", "were", "had", "did"]);
const FUTURE_MARKERS = new Set(["will", "'ll", "shall", "wo"]);
const PAST_VERBS = new Set([
  "held",
  "staged",
  "struck",
  "walked",
  "began",
  "started",
  "took",
  "joined",
  "went",
  "stopped",
  "downed",
  "picketed",
  "happened",
  "ended",
  "finished",
  "saw",
  "led",
  "formed",
  "gathered",
  "marched",
  "protested",
  "mounted",
  "staffed",
]);
const PLAN_WORDS = new Set([
  "due",
  "set",
  "scheduled",
  "planned",
  "expected",
  "going",
  "meant",
  "supposed",
  "poised",
]);

/** Lower-case words of tokens `[s, e)`. */
function words(t: readonly Token[], s: number, e: number): string[] {
  const out: string[] = [];
  for (let i = s; i < e; i++) out.push(t[i]!.w);
  return out;
}

function negatedBefore(ws: readonly string[], k: number, span = 3): boolean {
  for (let j = Math.max(0, k - span); j < k; j++) if (NEGATORS.has(ws[j]!)) return true;
  return false;
}

/**
 * Status of an action whose head is at token `head`, in clause `[cs, ce)` of sentence
 * `[ss, se)`.
 */
export function clauseStatus(
  t: readonly Token[],
  ss: number,
  se: number,
  cs: number,
  ce: number,
  head: number,
  caption: boolean,
): ClauseStatus {
  const ws = words(t, ss, se);
  const at = (i: number) => i - ss;
  const result: ClauseStatus = {
    threatened: false,
    denied: false,
    formerPlan: false,
    tense: "unknown",
  };
  // Called off: an off-verb in the clause, or in the sentence's main predicate over the action.
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k]!;
    let status = OFF_LEMMAS.get(lemma(w));
    if (w === "called" || w === "call" || w === "calls" || w === "calling") {
      if (ws[k + 1] === "off" || ws[k + 2] === "off" || ws[k + 3] === "off") status = "cancelled";
    } else if ((w === "put" || w === "puts") && ws[k + 1] === "on" && ws[k + 2] === "hold")
      status = "suspended";
    else if ((w === "pushed" || w === "push") && ws[k + 1] === "back") status = "postponed";
    else if (
      w === "off" &&
      ws[k - 1] !== "called" &&
      (ws[k - 1] === "is" || ws[k - 1] === "now" || ws[k - 1] === "are")
    )
      status = "cancelled";
    if (!status) continue;
    const inClause = k >= at(cs) && k < at(ce);
    if (!inClause && k > at(head) + 12) continue;
    if (negatedBefore(ws, k)) continue;
    // "would not suspend", "refused to call off": not called off
    if (
      ws[k - 1] === "to" &&
      (ws[k - 2] === "refused" || ws[k - 2] === "refuse" || ws[k - 2] === "refusing")
    )
      continue;
    // "if the strike is suspended", "could be postponed": a condition, not news
    if (conditionalBefore(ws, k)) continue;
    result.off = result.off === "cancelled" || !result.off ? status : result.off;
    break;
  }
  const hk = at(head);
  // Denial: "will not strike", "won't walk out", "no strikes on"
  if (negatedBefore(ws, hk, 3) && !(ws[hk - 1] === "no" && ws[hk - 2] === "there")) {
    const neg = ws.slice(Math.max(0, hk - 3), hk);
    if (!neg.includes("without")) result.denied = true;
  }
  // Threat: "could/might strike", "threatened to strike", "warned of strikes", "if … would"
  const before = ws.slice(at(cs), hk + 1);
  let conditional = false;
  for (let k = 0; k < ws.length; k++)
    if (ws[k] === "if" || (ws[k] === "should" && ws[k + 1] !== "be" && k > 0 && ws[k - 1] === ","))
      conditional = true;
  const unless = ws.includes("unless");
  // "may" the modal is lower case; "May 4" is a date.
  let mayModal = false;
  for (let i = cs; i < ce; i++) if (t[i]!.w === "may" && !t[i]!.cap) mayModal = true;
  if (before.some((w) => MODAL_THREAT.has(w)) || mayModal) result.threatened = true;
  if (before.some((w) => lemma(w) === "threaten" || w === "threat" || w === "threats"))
    result.threatened = true;
  if (before.some((w) => w === "possible" || w === "potential" || w === "proposed"))
    result.threatened = true;
  if (
    (ws.includes("warned") || ws.includes("warns") || ws.includes("warn")) &&
    !ws.includes("that")
  ) {
    const k = ws.findIndex((w) => w === "warned" || w === "warns" || w === "warn");
    if (ws[k + 1] === "of" || ws.slice(k, hk).some((w) => MODAL_THREAT.has(w) || w === "would"))
      result.threatened = true;
  }
  if (before.includes("would") && conditional && !unless) result.threatened = true;
  if (conditional && !unless && before.some((w) => w === "will" || w === "would")) {
    // "if talks fail, members will strike on D": conditional on a further trigger
    const ifAt = ws.indexOf("if");
    if (ifAt >= 0 && ifAt < hk) result.threatened = true;
  }
  if (unless) result.threatened = before.some((w) => MODAL_THREAT.has(w));
  // A plan spoken of in the past: "had been due to walk out", "was set to strike"
  for (let k = Math.max(0, at(cs)); k < hk; k++) {
    const w = ws[k]!;
    if (
      (w === "had" && ws[k + 1] === "been" && PLAN_WORDS.has(ws[k + 2] ?? "")) ||
      ((w === "was" || w === "were") &&
        PLAN_WORDS.has(ws[k + 1] ?? "") &&
        (ws[k + 2] === "to" || ws[k + 2] === "for" || ws[k + 2] === "on")) ||
      (w === "had" && ws[k + 1] === "planned")
    ) {
      result.formerPlan = true;
      // The past perfect ("had been due to") says the plan no longer holds.
      if (w === "had") result.abandonedPlan = true;
    }
  }
  result.tense = tenseOf(ws, at(cs), hk, caption);
  if (result.formerPlan) result.tense = "future";
  return result;
}

const BE_FORMS = new Set(["is", "are", "be", "been", "being", "was", "were", "will", "get", "got"]);
const IRREGULAR_PAST = new Set([
  "ran",
  "came",
  "went",
  "saw",
  "said",
  "took",
  "made",
  "began",
  "held",
  "struck",
  "stood",
  "left",
  "brought",
  "fought",
  "met",
  "won",
  "lost",
  "kept",
  "sat",
  "spoke",
  "told",
  "gave",
  "drew",
]);
/** A finite past verb: irregular, or a regular "-ed" form that is not a plan word ("planned"). */
function isPastForm(w: string): boolean {
  if (IRREGULAR_PAST.has(w)) return true;
  return (
    w.length > 4 && w.endsWith("ed") && !PLAN_WORDS.has(w) && w !== "needed" && w !== "proposed"
  );
}

function conditionalBefore(ws: readonly string[], k: number): boolean {
  for (let j = Math.max(0, k - 6); j < k; j++) {
    const w = ws[j]!;
    if (CONDITIONS.has(w) && w !== "unless") return true;
    if (w === "could" || w === "might" || w === "may" || w === "would") return true;
  }
  return false;
}

/** The tense of the predicate over the head: its auxiliaries and verb forms before it. */
function tenseOf(
  ws: readonly string[],
  cs: number,
  hk: number,
  caption: boolean,
): "past" | "future" | "unknown" {
  for (let k = hk; k >= cs && k >= 0; k--) {
    const w = ws[k]!;
    if (FUTURE_MARKERS.has(w) || w === "would") return "future";
    if (w === "to" && k + 1 <= hk) return "future";
    if (PLAN_WORDS.has(w) && (ws[k + 1] === "to" || ws[k + 1] === "for")) {
      return ws[k - 1] && PAST_AUX.has(ws[k - 1]!) ? "future" : "future";
    }
    if (
      w === "next" ||
      w === "coming" ||
      w === "upcoming" ||
      w === "planned" ||
      w === "forthcoming"
    )
      return "future";
    if (PAST_VERBS.has(w) || w === "last" || w === "yesterday") return "past";
    if (isPastForm(w) && !BE_FORMS.has(ws[k - 1] ?? "") && ws[k - 1] !== "to") return "past";
    if ((w === "have" || w === "has" || w === "had") && k < hk) return "past";
    if ((w === "was" || w === "were") && ws[k + 1] !== "due" && ws[k + 1] !== "set") return "past";
    if (w === "is" || w === "are" || w === "am") return "future";
  }
  // Beyond the head: "strikes held on Tuesday", "walkouts planned for Friday"
  for (let k = hk + 1; k < Math.min(ws.length, hk + 4); k++) {
    const w = ws[k]!;
    if (PAST_VERBS.has(w) || w === "took") return "past";
    if (w === "planned" || w === "scheduled" || w === "due" || w === "will" || w === "set")
      return "future";
  }
  // A caption or headline without a finite verb ("Bin workers picketing the depot on Tuesday") shows what happened.
  return caption ? "past" : "unknown";
}
