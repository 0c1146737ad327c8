/**
 * Lemmas for the words the clause rules reason about: "struck", "striking" and "strikes" are
 * all "strike"; "rejection" is "reject"; "balloted" is "ballot". A small morphology over the
 * rules' own lexicon (regular inflection plus the irregular verbs news uses), so a rule written
 * once for a lemma holds for every form, active, passive or nominalised, at a map lookup a word.
 */

const IRREGULAR: Record<string, string[]> = {
  strike: ["struck", "striking", "strikes"],
  hold: ["held", "holding", "holds"],
  take: ["took", "taken", "taking", "takes"],
  begin: ["began", "begun", "beginning", "begins"],
  run: ["ran", "running", "runs"],
  say: ["said", "says", "saying"],
  tell: ["told", "tells", "telling"],
  set: ["sets", "setting"],
  go: ["went", "gone", "goes", "going"],
  meet: ["met", "meets", "meeting"],
  put: ["puts", "putting"],
  win: ["won", "wins", "winning"],
  give: ["gave", "given", "gives", "giving"],
  bring: ["brought", "brings", "bringing"],
  throw: ["threw", "thrown", "throws", "throwing"],
  stand: ["stood", "stands", "standing"],
  break: ["broke", "broken", "breaks", "breaking"],
  make: ["made", "makes", "making"],
  draw: ["drew", "drawn", "draws", "drawing"],
  be: ["is", "are", "was", "were", "been", "being", "am", "'s", "'re"],
  have: ["has", "had", "having", "'ve"],
  do: ["did", "does", "done", "doing"],
  will: ["'ll", "wo"],
  shut: ["shuts", "shutting"],
  stop: ["stopped", "stopping", "stops"],
  plan: ["planned", "planning", "plans"],
  step: ["stepped", "stepping", "steps"],
  drop: ["dropped", "dropping", "drops"],
  scrap: ["scrapped", "scrapping", "scraps"],
  ramp: ["ramped", "ramping", "ramps"],
  picket: ["picketed", "picketing", "pickets"],
  ballot: ["balloted", "balloting", "ballots", "re-ballot", "reballot"],
  cancel: [
    "cancelled",
    "canceled",
    "cancelling",
    "canceling",
    "cancels",
    "cancellation",
    "cancellations",
  ],
  fail: ["failed", "failing", "fails", "failure"],
  rise: ["rose", "risen", "rising", "rises"],
  lose: ["lost", "losing", "loses"],
  spend: ["spent"],
  come: ["came", "coming", "comes"],
};

/** Nouns that name the act of a verb ("rejection" of reject). */
const NOMINALS: Record<string, string[]> = {
  reject: ["rejection", "rejections"],
  accept: ["acceptance"],
  escalate: ["escalation", "escalations"],
  suspend: ["suspension", "suspensions"],
  postpone: ["postponement", "postponements"],
  consider: ["consideration"],
  consult: ["consultation", "consultations"],
  intensify: ["intensification"],
  resume: ["resumption"],
  announce: ["announcement", "announcements"],
  threaten: ["threat", "threats"],
  negotiate: ["negotiation", "negotiations"],
  welcome: [],
  withdraw: ["withdrawal"],
  vote: ["votes", "voting", "voted"],
  decide: ["decision", "decisions"],
  walkout: ["walkouts", "walk-out", "walk-outs"],
  stoppage: ["stoppages"],
};

/** Verbs inflected regularly ("reject, rejects, rejected, rejecting"). */
const REGULAR = [
  "walk",
  "stage",
  "start",
  "end",
  "finish",
  "last",
  "continue",
  "resume",
  "return",
  "call",
  "suspend",
  "pause",
  "postpone",
  "delay",
  "reschedule",
  "axe",
  "abandon",
  "withdraw",
  "defer",
  "halt",
  "reject",
  "accept",
  "welcome",
  "consider",
  "consult",
  "escalate",
  "intensify",
  "announce",
  "confirm",
  "warn",
  "threaten",
  "schedule",
  "back",
  "support",
  "refuse",
  "agree",
  "enter",
  "open",
  "close",
  "join",
  "mandate",
  "recommend",
  "endorse",
  "approve",
  "dismiss",
  "turn",
  "launch",
  "expect",
  "affect",
  "restart",
  "reopen",
  "collect",
  "empty",
  "miss",
  "reach",
  "exceed",
  "target",
  "urge",
  "claim",
  "insist",
  "criticise",
  "condemn",
  "decide",
  "negotiate",
  "talk",
  "follow",
  "move",
  "switch",
  "change",
  "push",
  "extend",
  "add",
  "name",
  "list",
  "involve",
  "include",
  "report",
  "reveal",
  "publish",
  "state",
  "explain",
  "add",
  "describe",
  "deliver",
  "receive",
  "offer",
  "table",
  "improve",
  "press",
  "demand",
  "seek",
  "cover",
];

function regularForms(v: string): string[] {
  const out = [`${v}s`];
  if (/(?:s|sh|ch|x|z)$/.test(v)) out[0] = `${v}es`;
  if (v.endsWith("y") && !/[aeiou]y$/.test(v)) {
    out[0] = `${v.slice(0, -1)}ies`;
    out.push(`${v.slice(0, -1)}ied`, `${v}ing`);
  } else if (v.endsWith("e")) out.push(`${v}d`, `${v.slice(0, -1)}ing`);
  else out.push(`${v}ed`, `${v}ing`);
  if (v === "cancel") out.push("cancelled", "cancelling");
  return out;
}

const LEMMAS = new Map<string, string>();
for (const v of REGULAR) {
  LEMMAS.set(v, v);
  for (const f of regularForms(v)) if (!LEMMAS.has(f)) LEMMAS.set(f, v);
}
for (const [v, forms] of Object.entries(IRREGULAR)) {
  LEMMAS.set(v, v);
  for (const f of forms) LEMMAS.set(f, v);
}
for (const [v, forms] of Object.entries(NOMINALS)) {
  if (!LEMMAS.has(v)) LEMMAS.set(v, v);
  for (const f of forms) LEMMAS.set(f, v);
}

/** The lemma of a lower-case word, or the word itself when the lexicon does not know it. */
export function lemma(w: string): string {
  return LEMMAS.get(w) ?? w;
}
