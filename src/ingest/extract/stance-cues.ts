import type { StanceKind } from "../../domain/vocabulary.ts";

const OFFER = /\b(?:offers?|deal|proposals?|payment|pay|award|rise|increase|settlement)\b/i;
const STRIKE_WORDS = /\b(?:strike|strikes|industrial action|walkouts?)\b/i;

interface StanceRule {
  stance: StanceKind;
  cue: RegExp;
  /** Extra condition on the sentence (and the one before it, for "rejected it"). */
  when?: (sentence: string, previous: string) => boolean;
}

/** A ballot or vote on an offer: considering it, not balloting for strikes. */
const ON_OFFER =
  /\b(?:vot\w*|ballot\w*|consult\w*)\s+(?:\w+\s+){0,2}on\s+(?:the|a|an|this|its|their)\s+(?:[\w£%.-]+\s+){0,3}(?:offer|deal|proposals?)\b/i;

/** "the decision to accept or reject this offer is theirs": no decision yet. */
const UNDECIDED =
  /\b(?:accept or reject|reject or accept|whether (?:or not )?to (?:accept|reject)|decide whether)\b/i;
const offerNearby = (s: string, prev: string) => OFFER.test(s) || OFFER.test(prev);

/**
 * Cue phrases of English news for each stance. Each needs the context that makes it about a
 * dispute: "rejected" only with an offer in sight, "balloting" only about strike action.
 */
export const STANCE_RULES: readonly StanceRule[] = [
  {
    stance: "rejected_offer",
    cue: /\b(?:reject(?:ed|s|ing)?|turn(?:ed|s|ing)? (?:\w+ ){0,5}down|vote[sd]? (?:down|against)|throw out|thrown out|(?:would|will|did) not accept (?:a |an |the |any |this )?(?:[\w-]+ ){0,2}(?:offer|payment|deal|proposal|award)|won't accept|refus(?:ed|es|ing) to accept|falls? (?:far |well )?short|fallen short|simply not enough|not good enough|unacceptable|inadequate|insulting)\b/i,
    when: (s, prev) => offerNearby(s, prev) && !UNDECIDED.test(s),
  },
  { stance: "rejected_offer", cue: /\bwould not suspend (?:strike|industrial) action\b/i },
  {
    stance: "accepted_offer",
    cue: /\b(?:voted to accept|vote to accept|(?<!not |n't )accept(?:ed|s)? (?:the |a |an |its |their )?(?:\w+ ){0,4}(?:offer|deal|rise|increase|award|settlement)|supported the (?:[\d.]+ (?:per cent|%) )?(?:pay )?(?:offer|deal|rise|increase))\b/i,
    when: (s) => !UNDECIDED.test(s),
  },
  {
    stance: "considering_offer",
    cue: /\b(?:consult(?:ing|ed)? (?:its |their )?(?:\w+ ){0,5}members|(?:members|they) (?:are|were|will be) consulted|consulted on|is considering|are considering|consider(?:s|ing)? whether|put (?:it |the offer |this |the deal )?to (?:its |their )?members|go to its members|recommended acceptance|recommend(?:s|ing)? (?:acceptance|members accept))\b/i,
    // "could be put to members" is a possibility, not a consultation under way.
    when: (s) => OFFER.test(s) && !/\b(?:could|would|might|may) be put\b/i.test(s),
  },
  {
    stance: "balloting",
    cue: /\b(?:balloting|(?:will|to) (?:hold|open|run) a ballot|to ballot|re-?ballot(?:ing)?|opened a ballot|ballot(?:s|ing)? (?:its |their )?members)\b/i,
    when: (s) => STRIKE_WORDS.test(s) && !/recommended acceptance/i.test(s) && !ON_OFFER.test(s),
  },
  // The general constructions below take each stance in its other voices and forms: passive
  // ("are to be balloted", "has been suspended"), nominal ("an escalation", "a vote for
  // action"), and the ballot or vote on an offer, which is considering it, not balloting.
  {
    stance: "balloting",
    cue: /\b(?:(?:to|will|are|is|being) be(?:ing)? balloted|(?:be|being|been) asked (?:whether|if) (?:they|members) (?:would )?(?:support|back|want)(?: to take)? (?:strike|industrial) action)\b/i,
    when: (s) => !ON_OFFER.test(s),
  },
  {
    stance: "considering_offer",
    cue: /\b(?:vot(?:e|ed|es|ing)|ballot(?:ed|ing|s)?|consult(?:ed|ing)?)\s+(?:\w+\s+){0,2}on\s+(?:the|a|an|this|its|their)\s+(?:[\w£%.-]+\s+){0,3}(?:offer|deal|proposals?)\b/i,
  },
  {
    stance: "ballot_mandate",
    cue: /\b(?:backed (?:taking part in )?(?:[\w-]+ ){0,4}(?:strike|industrial|collective) action|(?:a|the) vote for (?:strike |industrial )?action|(?:held|holds?|won|secured|has|have|had) (?:a |the )?(?:fresh |new |renewed |strong )?mandate|voted (?:[\w-]+ ){0,3}to (?:strike|take (?:strike|industrial) action)|ballot results were (?:also )?(?:declared|announced))\b/i,
    when: (s) => !/\b(?:earlier|previously|last year)\b/i.test(s),
  },
  {
    stance: "ballot_failed",
    cue: /\bturnout\b[^.]{0,60}\b(?:short of|below|under the|failed to|did not (?:meet|reach)|fell short|not enough)\b/i,
  },
  {
    stance: "in_talks",
    cue: /\b(?:talks\b[^.]{0,50}\b(?:continue|continuing|go on|goes on|are ongoing|will resume|resumed)|back to the (?:negotiating )?table|(?:entered|enter|entering|in) (?:fresh |new |further )?talks with|negotiations (?:continue|are continuing|are ongoing))\b/i,
  },
  {
    stance: "suspended_action",
    cue: /\b(?:(?:strikes?|action|walkouts?|stoppages?|boycott)\b[^.]{0,60}\b(?:was|were|has been|have been|had been|is being|are being)\s+(?:suspended|paused|halted|stopped|put on hold)|withdr(?:awn|ew) (?:a|an|the|its|their) (?:[\w-]+ ){0,3}(?:boycott|action|strikes?))\b/i,
  },
  {
    stance: "escalating",
    cue: /\b(?:(?:a|an|the) (?:[\w-]+ ){0,3}escalation\b|escalating (?:campaign|dispute|action|strikes?)|ramp(?:s|ed|ing)? up (?:its |their |the )?(?:campaign|action|strikes?|pressure))/i,
    when: (s) => !/\b(?:if|unless|would|could)\b/i.test(s),
  },
  {
    stance: "ballot_mandate",
    cue: /\b(?:backed (?:strike|industrial) action|voted (?:overwhelmingly |decisively )?(?:in favour of|for) (?:strike|industrial) action|voted to strike|gave (?:their|its) backing|strike mandate|mandate for (?:strike|industrial) action|(?:decisive|fresh|new|renewed) mandate|supported (?:strike|industrial) action|support for (?:strike|industrial) action|ballot results|turnout (?:was )?achieved|necessary turnout|balloted [^.]{0,80}\b(?:announced|called) [^.]{0,40}strike)\b/i,
    // A mandate won long ago ("had earlier backed strike action") is not news of a stance.
    when: (s) => !/\b(?:earlier|previously|last year)\b/i.test(s),
  },
  {
    stance: "ballot_failed",
    cue: /\b(?:missed the (?:turnout )?threshold|fail(?:ed|s)? to (?:reach|meet|hit) the [^.]{0,30}(?:turnout|threshold)|did not reach the [^.]{0,20}(?:required|threshold|turnout)|turnout [^.]{0,40}(?:did not reach|fell short)|ballot failed|short of the (?:legal )?threshold)\b/i,
  },
  {
    stance: "in_talks",
    cue: /\b(?:agreed to (?:hold |enter |resume )?talks|talks\b[^.]{0,40}\b(?:due|set|expected|scheduled) to resume|resum(?:e|ed|ing) talks|continue talking|continu(?:e|ing) to talk|talks with [^.]{0,60}(?:were|was) (?:constructive|positive|productive)|(?:held|holding) talks)\b/i,
  },
  {
    stance: "suspended_action",
    cue: /\b(?:paus(?:ing|ed|es) (?:this|the|its|their) (?:\w+ )?(?:action|strikes?|walkouts?)|agreed to suspend|suspend(?:ed|s|ing)? (?:the |its |their |next week's |planned |all )?(?:\w+ )?(?:strikes?|action|walkouts?)|halts? [^.]{0,30}(?:strike|industrial) action)\b/i,
    when: (s) => !/\bnot suspend/i.test(s),
  },
  {
    stance: "escalating",
    cue: /\b(?:step(?:s|ped|ping)? up (?:the pressure|their|its|the action|action|walkouts?)|escalat(?:e|es|ed|ing) (?:the |their |its )?(?:action|strikes?|dispute|walkouts?)|will draw in|intensif(?:y|ied|ies) (?:the |their |its )?(?:action|strikes?))\b/i,
  },
  {
    stance: "welcomed_offer",
    cue: /\b(?:welcom(?:ed|es|ing) (?:the )?(?:\w+ ){0,3}(?:offer|proposals?|deal|payment)|warmer reception|significant step|positive step|step in the right direction)\b/i,
  },
];

export interface StanceCue {
  stance: StanceKind;
  start: number;
  end: number;
}

/** "if members reject the offer", "whether to accept": a decision not yet taken. */
const HYPOTHETICAL = /\b(?:if|whether|unless)\s+(?:[\w'’]+\s+){0,3}$/i;

const GLOBAL_CUES = STANCE_RULES.map((r) => new RegExp(r.cue.source, "gi"));

export function stanceCues(sentence: string, previous: string): StanceCue[] {
  const out: StanceCue[] = [];
  for (const [i, rule] of STANCE_RULES.entries()) {
    if (!rule.cue.test(sentence)) continue;
    if (rule.when && !rule.when(sentence, previous)) continue;
    for (const m of sentence.matchAll(GLOBAL_CUES[i]!)) {
      if (HYPOTHETICAL.test(sentence.slice(0, m.index))) continue;
      out.push({ stance: rule.stance, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}
