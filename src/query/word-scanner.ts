import { StrikewatchError } from "../errors.ts";
import { editDistance } from "../domain/edit-distance.ts";
import { splitWords } from "../domain/phrase-index.ts";
import { regionIndex, knownRegionNames, type Region } from "../domain/regions.ts";
import { describeUnion, type UnionInfo, type Unions } from "../domain/unions.ts";
import {
  canonicalWorkforces,
  sectorWords,
  workforces,
  type Workforce,
} from "../domain/workforces.ts";
import { STRIKE_STATUSES, type Sector, type StrikeStatus } from "../domain/vocabulary.ts";

/** A recognised word or phrase in a command. */
export type Term =
  | { kind: "union"; value: UnionInfo; text: string }
  | { kind: "region"; value: Region; text: string }
  | { kind: "workforce"; value: Workforce; text: string }
  | { kind: "sector"; value: Sector; text: string }
  | { kind: "status"; value: StrikeStatus; text: string };

const STATUS_WORDS: Record<string, StrikeStatus> = {
  ...Object.fromEntries(STRIKE_STATUSES.map((s) => [s, s])),
  "called off": "cancelled",
  paused: "suspended",
  possible: "threatened",
  confirmed: "planned",
};

/** Words that carry no meaning in a command: "/strikes for nurses in Wales on 6 Feb". */
const FILLERS = new Set([
  "strike",
  "strikes",
  "striking",
  "walkout",
  "walkouts",
  "industrial",
  "action",
  "on",
  "in",
  "for",
  "the",
  "and",
  "or",
  "of",
  "at",
  "by",
  "all",
  "any",
  "show",
  "me",
  "list",
  "what",
  "which",
  "are",
  "is",
  "there",
  "members",
  "union",
  "unions",
  "day",
  "days",
  "a",
  "an",
  "&",
  "-",
  "–",
  // Questions put to the bot in a mention or a direct message: "who's striking tomorrow in
  // Wales?", "will there be any strikes next week?", "when are nurses striking?".
  "who",
  "who's",
  "whos",
  "what's",
  "whats",
  "when",
  "where",
  "will",
  "be",
  "anyone",
  "anybody",
  "going",
  "do",
  "does",
  "please",
  "tell",
  "us",
]);

export interface ScanResult {
  terms: Term[];
  /** Words that matched nothing, in order. */
  unknown: string[];
}

/**
 * Reads command words left to right, taking at each point the longest name it knows (a union,
 * region, workforce, sector or status); `extra` lets a caller recognise its own phrases first
 * (time windows) and returns how many words it consumed.
 */
export function scanWords(
  words: readonly string[],
  unions: Unions,
  extra?: (words: readonly string[], i: number) => number,
): ScanResult {
  const terms: Term[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < words.length;) {
    const taken = extra?.(words, i) ?? 0;
    if (taken > 0) {
      i += taken;
      continue;
    }
    const text = (n: number) => words.slice(i, i + n).join(" ");
    const u = unions.matchAt(words, i);
    const r = regionIndex.matchAt(words, i);
    const w = workforces.matchAt(words, i);
    const s = sectorWords.matchAt(words, i);
    // Longest match wins; on a tie the more specific kind (union > region > workforce > sector).
    const best = [
      u && { len: u.length, term: { kind: "union", value: u.value, text: text(u.length) } as Term },
      r && {
        len: r.length,
        term: { kind: "region", value: r.value, text: text(r.length) } as Term,
      },
      w && {
        len: w.length,
        term: { kind: "workforce", value: w.value, text: text(w.length) } as Term,
      },
      s && {
        len: s.length,
        term: { kind: "sector", value: s.value, text: text(s.length) } as Term,
      },
    ]
      .filter((x): x is { len: number; term: Term } => Boolean(x))
      .sort((a, b) => b.len - a.len)[0];
    if (best) {
      terms.push(best.term);
      i += best.len;
      continue;
    }
    const word = words[i]!;
    const two = `${word} ${words[i + 1] ?? ""}`.toLowerCase();
    // Own keys only: "__proto__" or "constructor" typed by a user is not a status.
    const status = (w: string) => (Object.hasOwn(STATUS_WORDS, w) ? STATUS_WORDS[w] : undefined);
    if (status(two)) {
      terms.push({ kind: "status", value: status(two)!, text: two });
      i += 2;
    } else if (status(word.toLowerCase())) {
      terms.push({ kind: "status", value: status(word.toLowerCase())!, text: word });
      i += 1;
    } else {
      if (!FILLERS.has(word.toLowerCase())) unknown.push(word);
      i += 1;
    }
  }
  return { terms, unknown };
}

export { splitWords };

/**
 * The error for a word the bot does not know, with the nearest thing it does know. A short
 * or capitalised word is most likely a union's acronym ("RNC" → RCN).
 */
export function unknownWordError(word: string, unions: Unions, expected: string): StrikewatchError {
  const unionGuess = unions.suggest(word);
  const looksLikeUnion = /^[A-Z]{2,6}$/.test(word) || unionGuess.length > 0;
  if (looksLikeUnion && unionGuess.length > 0) {
    const names = unionGuess.map(describeUnion);
    return new StrikewatchError(
      "unknown_union",
      `Unknown union "${word}". Did you mean ${orList(names)}?`,
    );
  }
  if (/^[A-Z]{2,6}$/.test(word)) {
    return new StrikewatchError("unknown_union", `Unknown union "${word}".`, {
      hint: "Try /help unions for the unions I know.",
    });
  }
  const near = nearestVocabulary(word);
  return new StrikewatchError(
    "unknown_word",
    `I don't understand "${word}"${near ? ` (did you mean "${near}"?)` : ""}.`,
    { hint: `Expected ${expected}.` },
  );
}

function nearestVocabulary(word: string): string | undefined {
  const w = word.toLowerCase();
  let best: { v: string; d: number } | undefined;
  for (const v of [...knownRegionNames(), ...canonicalWorkforces(), ...Object.keys(STATUS_WORDS)]) {
    const d = editDistance(w, v.toLowerCase());
    if (d <= Math.max(1, Math.floor(v.length / 4)) && (!best || d < best.d)) best = { v, d };
  }
  return best?.v;
}

export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
