import { StrikewatchError } from "../errors.ts";
import { PhraseIndex, splitWords } from "../domain/phrase-index.ts";
import type { UnionInfo, Unions } from "../domain/unions.ts";
import { STANCES, type StanceKind } from "../domain/vocabulary.ts";
import { unknownWordError } from "./word-scanner.ts";

/** The words staff use for each stance; the longest matching phrase wins. */
const CUES: Record<StanceKind, string[]> = {
  rejected_offer: [
    "rejected",
    "rejects",
    "reject",
    "rejection of",
    "turned down",
    "refused",
    "refuses",
    "said no to",
  ],
  accepted_offer: [
    "accepted",
    "accepts",
    "accept",
    "voted to accept",
    "agreed",
    "agreed to",
    "signed",
  ],
  considering_offer: [
    "considering",
    "considers",
    "consulting on",
    "consulting members on",
    "weighing",
    "reviewing",
  ],
  welcomed_offer: ["welcomed", "welcomes", "welcome", "positive about"],
  balloting: [
    "balloting",
    "balloting members on",
    "ballots",
    "opened a ballot",
    "to ballot",
    "ballot",
    "is balloting",
  ],
  ballot_mandate: [
    "mandate",
    "won a mandate",
    "won mandate",
    "secured a mandate",
    "voted for strikes",
    "voted to strike",
    "ballot passed",
    "won ballot",
    "won the ballot",
  ],
  ballot_failed: [
    "ballot failed",
    "failed ballot",
    "missed threshold",
    "missed the threshold",
    "missed the turnout threshold",
    "ballot fell short",
    "lost the ballot",
    "lost ballot",
  ],
  in_talks: [
    "in talks",
    "talks",
    "talking",
    "negotiating",
    "in negotiations",
    "negotiations",
    "entered talks",
  ],
  suspended_action: [
    "suspended",
    "suspended strikes",
    "suspended action",
    "suspended strike action",
    "paused",
    "paused strikes",
    "called off strikes",
    "called off",
  ],
  escalating: [
    "escalating",
    "escalated",
    "escalate",
    "escalates",
    "announced more strikes",
    "more strikes",
    "stepped up",
  ],
};

const cueIndex = new PhraseIndex<StanceKind>();
for (const stance of STANCES) {
  cueIndex.add(stance, stance).add(stance.replace(/_/g, " "), stance);
  for (const cue of CUES[stance]) cueIndex.add(cue, stance);
}

export interface StanceDetails {
  union: UnionInfo;
  stance: StanceKind;
  about: string;
}

const LEAD_IN = new Set(["has", "have", "is", "are", "was", "were", "had", "now"]);
const ABOUT_WORDS = new Set(["about", "on", "over", "of", "to", "for"]);

/** "/stance GMB rejected one-off payment", "/stance Unison is balloting members about pay". */
export function parseStanceText(text: string, unions: Unions): StanceDetails {
  const words = splitWords(text);
  if (words.length === 0) {
    throw new StrikewatchError("usage", "Which union, and what did it decide?", {
      hint: "For example: /stance GMB rejected one-off payment",
    });
  }
  const hit = unions.matchAt(words, 0);
  if (!hit)
    throw unknownWordError(
      words[0]!,
      unions,
      "a union first, e.g. /stance GMB rejected one-off payment",
    );
  let i = hit.length;
  while (
    i < words.length &&
    (LEAD_IN.has(words[i]!.toLowerCase()) || words[i]!.toLowerCase() === "union")
  )
    i++;
  const cue = cueIndex.matchAt(words, i);
  if (!cue) {
    const said = words.slice(i).join(" ");
    throw new StrikewatchError(
      "usage",
      said ? `I don't know the stance "${said}".` : `What is ${hit.value.name}'s stance?`,
      {
        hint: "Use words like rejected, accepted, considering, welcomed, balloting, mandate, ballot failed, in talks, suspended or escalating.",
      },
    );
  }
  let rest = words.slice(i + cue.length);
  if (rest[0] && ABOUT_WORDS.has(rest[0].toLowerCase())) rest = rest.slice(1);
  if (rest[0] && /^(the|a|an)$/i.test(rest[0])) rest = rest.slice(1);
  return { union: hit.value, stance: cue.value, about: rest.join(" ").slice(0, 200) };
}

/** "GMB rejected the one-off payment", "Unison is balloting members". */
export function describeStance(union: string, stance: StanceKind, about: string): string {
  const the = (fallback: string) => (about ? withArticle(about) : fallback);
  const over = (verb: string) => (about ? `${verb} over ${withArticle(about)}` : verb);
  switch (stance) {
    case "rejected_offer":
      return `${union} rejected ${the("the offer")}`;
    case "accepted_offer":
      return `${union} accepted ${the("the offer")}`;
    case "considering_offer":
      return `${union} is considering ${the("the offer")}`;
    case "welcomed_offer":
      return `${union} welcomed ${the("the offer")}`;
    case "balloting":
      return `${union} is balloting members${about ? ` on ${withArticle(about)}` : ""}`;
    case "ballot_mandate":
      return `${union} won a mandate for strikes${about ? ` over ${withArticle(about)}` : ""}`;
    case "ballot_failed":
      return `${union}'s strike ballot failed${about ? ` (${about})` : ""}`;
    case "in_talks":
      return `${union} is in talks${about ? ` about ${withArticle(about)}` : ""}`;
    case "suspended_action":
      return `${union} ${over("suspended action")}`;
    case "escalating":
      return `${union} ${over("is escalating action")}`;
  }
}

function withArticle(about: string): string {
  return /^(the|a|an|its|their|this|that|these|those)\b/i.test(about) || /^[A-Z]/.test(about)
    ? about
    : `the ${about}`;
}
