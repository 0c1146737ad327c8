import { StrikewatchError } from "../errors.ts";
import type { IsoDay } from "../domain/calendar.ts";
import { findDayPhrases } from "../domain/day-phrases.ts";
import { matchNamedWindow } from "../domain/time-window.ts";
import type { UnionInfo, Unions } from "../domain/unions.ts";
import type { Sector, StrikeStatus } from "../domain/vocabulary.ts";
import { scanWords, splitWords, unknownWordError } from "./word-scanner.ts";

/** A strike as a member of staff describes it: "Unite ambulance workers Wales 19 and 23 January". */
export interface StrikeDetails {
  union: UnionInfo;
  workforce: string;
  sector: Sector;
  regions: string[];
  days: IsoDay[];
  status: StrikeStatus | undefined;
  whenText: string;
}

const EXAMPLE = "/strike add Unite ambulance workers Wales 19 and 23 January";

/**
 * Parses the free text of `/strike add|cancel`. Exactly one union; days from any date form
 * (or today/tomorrow/a weekday); workforce, regions and status optional. Anything unclear is
 * refused with an example rather than guessed, because a wrong strike day misleads a rota.
 */
export function parseStrikeDetails(
  text: string,
  today: IsoDay,
  unions: Unions,
  opts: { daysRequired: boolean },
): StrikeDetails {
  if (text.trim() === "") {
    throw new StrikewatchError("usage", "Say which union strikes when.", {
      hint: `For example: ${EXAMPLE}`,
    });
  }
  const phrases = findDayPhrases(text, { reference: today, impossible: "throw" });
  let rest = text;
  for (const p of [...phrases].reverse()) rest = rest.slice(0, p.start) + " " + rest.slice(p.end);
  const days = new Set<IsoDay>(phrases.flatMap((p) => p.days));
  const whenParts = phrases.map((p) => p.text);

  const { terms, unknown } = scanWords(splitWords(rest), unions, (ws, i) => {
    const named = matchNamedWindow(ws, i, today);
    if (!named || named.window.from !== named.window.to) return 0;
    days.add(named.window.from);
    whenParts.push(ws.slice(i, i + named.length).join(" "));
    return named.length;
  });
  if (unknown.length > 0) {
    throw unknownWordError(
      unknown[0]!,
      unions,
      "a union, workforce, region, status and the strike days",
    );
  }

  const unionTerms = [...new Set(terms.flatMap((t) => (t.kind === "union" ? [t.value] : [])))];
  if (unionTerms.length === 0) {
    throw new StrikewatchError("usage", "Which union? Name one, e.g. RCN, Unite or GMB.", {
      hint: `For example: ${EXAMPLE}`,
    });
  }
  if (unionTerms.length > 1) {
    throw new StrikewatchError(
      "ambiguous",
      `One union at a time, please: I read ${unionTerms.map((u) => u.name).join(" and ")}.`,
      { hint: "Post each union's strike separately." },
    );
  }
  const workforces = [...new Set(terms.flatMap((t) => (t.kind === "workforce" ? [t.value] : [])))];
  if (workforces.length > 1) {
    throw new StrikewatchError(
      "ambiguous",
      `One workforce at a time, please: I read ${workforces.map((w) => w.name).join(" and ")}.`,
    );
  }
  const statuses = [...new Set(terms.flatMap((t) => (t.kind === "status" ? [t.value] : [])))];
  if (statuses.length > 1) {
    throw new StrikewatchError("ambiguous", `Is it ${statuses.join(" or ")}? Give one status.`);
  }
  const sectors = terms.flatMap((t) => (t.kind === "sector" ? [t.value] : []));
  if (opts.daysRequired && days.size === 0) {
    throw new StrikewatchError("bad_date", "Which days? I could not find a date.", {
      hint: `Dates like "6 Feb", "19 and 23 January" or "6-10 February". For example: ${EXAMPLE}`,
    });
  }
  const union = unionTerms[0]!;
  const workforce = workforces[0];
  return {
    union,
    workforce: workforce?.name ?? "",
    sector: sectors[0] ?? workforce?.sector ?? union.sectors[0] ?? "other",
    regions: [...new Set(terms.flatMap((t) => (t.kind === "region" ? [t.value.name] : [])))],
    days: [...days].sort(),
    status: statuses[0],
    whenText: whenParts.join(" | "),
  };
}
