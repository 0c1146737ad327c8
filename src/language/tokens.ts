/**
 * The one tokenizer of strikewatch: news articles, headlines, captions, list items and chat
 * commands all become the same token stream, so every reader above it (dates, unions, places,
 * clause frames) sees English the same way. One regular-expression pass, linear in the text.
 */

export type TokenKind = "word" | "num" | "punct";

export interface Token {
  /** Character offsets in the text: `text.slice(s, e)` is the token as written. */
  s: number;
  e: number;
  kind: TokenKind;
  /** Lower case with straight apostrophes ("year's"); the punctuation mark itself; the digits. */
  w: string;
  /** Numeric value of a number token (its integer part); NaN otherwise. */
  n: number;
  /** Digits after a ":" or "." written inside the number ("18.00", "07:30"), else -1. */
  minutes: number;
  /** Written with a leading capital. */
  cap: boolean;
  /** Every letter is a capital (and there are at least two): an acronym. */
  upper: boolean;
  /** Whitespace comes right before it (false for the "-" in "6-10" and the "am" in "7am"). */
  sp: boolean;
  /** A line break comes before it. */
  nl: boolean;
}

// Numbers (with a clock or decimal part), words (letters with inner apostrophes, no hyphens:
// "48-hour" is three tokens so durations and ranges read the same), then any other mark.
const TOKEN_RE =
  /(\d+)(?:([.:])(\d{1,2})(?!\d))?|([A-Za-z\u00C0-\u024F]+(?:['\u2019\u02bc][A-Za-z]+)*)|([^\s\w]|_)/g;
const LETTERS_ONLY_UPPER = /^[A-Z\u00C0-\u00DE]{2,}$/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const s = m.index;
    const e = s + m[0].length;
    let nl = false;
    let sp = s > last || s === 0;
    if (s > last) {
      for (let i = last; i < s; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          nl = true;
          break;
        }
      }
    } else if (s === 0) sp = true;
    last = e;
    if (m[1] !== undefined) {
      const minutes = m[3] !== undefined && m[3].length === 2 ? Number(m[3]) : -1;
      if (m[2] !== undefined && minutes < 0) {
        // "5.5%": a decimal, not a clock time; keep the integer part and let the rest go.
        out.push(numToken(m[1], s, s + m[1].length, sp, nl, -1));
        continue;
      }
      out.push(numToken(m[1], s, e, sp, nl, minutes));
    } else if (m[4] !== undefined) {
      const raw = m[4];
      const c0 = raw.charCodeAt(0);
      out.push({
        s,
        e,
        kind: "word",
        w:
          raw.length > 2 && /[\u2019\u02bc]/.test(raw)
            ? raw.toLowerCase().replace(/[\u2019\u02bc]/g, "'")
            : raw.toLowerCase(),
        n: Number.NaN,
        minutes: -1,
        cap: c0 >= 65 && c0 <= 90 ? true : c0 >= 0xc0 && raw[0] !== raw[0]!.toLowerCase(),
        upper: LETTERS_ONLY_UPPER.test(raw),
        sp,
        nl,
      });
    } else {
      const ch = m[5]!;
      out.push({
        s,
        e,
        kind: "punct",
        w: ch === "\u2019" || ch === "\u2018" ? "'" : ch === "\u2014" ? "–" : ch,
        n: Number.NaN,
        minutes: -1,
        cap: false,
        upper: false,
        sp,
        nl,
      });
    }
  }
  return out;
}

function numToken(
  digits: string,
  s: number,
  e: number,
  sp: boolean,
  nl: boolean,
  minutes: number,
): Token {
  return {
    s,
    e,
    kind: "num",
    w: digits,
    n: Number(digits),
    minutes,
    cap: false,
    upper: false,
    sp,
    nl,
  };
}

/** One sentence (or heading, caption, list item) as a range of tokens. */
export interface Sentence {
  /** Position among the sentences of the text. */
  index: number;
  /** Tokens `[ts, te)` of the text's token array. */
  ts: number;
  te: number;
  /** Character offsets. */
  s: number;
  e: number;
  /** Line number (paragraph) of the text, from 1; the title is 0. */
  paragraph: number;
  /** The line ends with ":" (a header over the list that follows). */
  endsWithColon: boolean;
  /** The line starts with a bullet mark ("•", "-", "*", "1."). */
  bullet: boolean;
  /** The line has no sentence-final mark and no finite verb is needed: a heading or caption. */
  unpunctuated: boolean;
}

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "st",
  "no",
  "prof",
  "sgt",
  "gen",
  "rev",
  "cllr",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
  "vs",
  "etc",
  "approx",
  "inc",
  "ltd",
  "co",
  "e",
  "i",
  "g",
  "a",
  "p",
]);
const BULLETS = new Set(["•", "-", "*", "·", "▪", "‣", "◦", "–"]);
const CLOSERS = new Set(['"', "'", "”", "’", ")", "]"]);

/**
 * Splits a token stream into sentences: at ".", "!" or "?" before a capital, a digit or a
 * quote (not after "Mr" or "Feb"), and at every line break. Linear in the tokens.
 */
export function splitSentences(
  text: string,
  tokens: readonly Token[],
  firstParagraph = 1,
): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = firstParagraph - 1;
  let start = 0;
  const close = (end: number, lineEnd: boolean) => {
    if (end <= start) return;
    const first = tokens[start]!;
    const last = tokens[end - 1]!;
    const bullet =
      first.nl || start === 0
        ? (first.kind === "punct" && BULLETS.has(first.w) && end - start > 1) ||
          (first.kind === "num" &&
            tokens[start + 1]?.w === "." &&
            tokens[start + 1]!.sp === false &&
            end - start > 2)
        : false;
    out.push({
      index: out.length,
      ts: start,
      te: end,
      s: first.s,
      e: last.e,
      paragraph,
      endsWithColon: lineEnd && last.w === ":",
      bullet,
      unpunctuated: lineEnd && !(last.kind === "punct" && /[.!?:;"”']/.test(last.w)),
    });
    start = end;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.nl || i === 0) {
      close(i, true);
      paragraph++;
    }
    if (t.kind !== "punct" || (t.w !== "." && t.w !== "!" && t.w !== "?")) continue;
    // Closing quotes and brackets stay with the sentence they end.
    let j = i + 1;
    while (
      j < tokens.length &&
      tokens[j]!.kind === "punct" &&
      CLOSERS.has(tokens[j]!.w) &&
      !tokens[j]!.nl
    )
      j++;
    const next = tokens[j];
    if (!next || next.nl) continue;
    if (!next.sp && j === i + 1) continue;
    const startsSentence =
      next.cap || next.kind === "num" || (next.kind === "punct" && /["“‘'(£]/.test(next.w));
    if (!startsSentence) continue;
    const prev = tokens[i - 1];
    if (t.w === "." && prev?.kind === "word" && !prev.upper && ABBREVIATIONS.has(prev.w)) continue;
    close(j, false);
    i = j - 1;
  }
  close(tokens.length, true);
  return out;
}

/** The text of a run of tokens, as written. */
export function textOf(text: string, tokens: readonly Token[], ts: number, te: number): string {
  if (te <= ts) return "";
  return text.slice(tokens[ts]!.s, tokens[te - 1]!.e);
}
