import type { ReplyDayRun, ReplyRow } from "../reply.ts";

/** How a platform marks text up; `text` makes outside text inert there (escaping). */
export interface Markup {
  text(s: string): string;
  strong(s: string): string;
  struck(s: string): string;
}

/** "Mon 7 – Tue 8 Dec, ~Wed 9 Dec~ (cancelled), Thu 10 – Fri 11 Dec". */
export function runsText(runs: readonly ReplyDayRun[], m: Markup): string {
  return runs
    .map((r) => {
      const text = r.struck ? m.struck(m.text(r.text)) : m.text(r.text);
      return r.status ? `${text} (${m.text(r.status)})` : text;
    })
    .join(", ");
}

/**
 * A "list" row as one line: the first cell leading, the rest and the days joined by " · ":
 * "*RMT* rail workers · UK · Mon 7 – Fri 11 Dec".
 */
export function listLine(row: ReplyRow, m: Markup): string {
  // Positions matter: a strike with no workforce still has its regions third.
  const [first, second, ...rest] = row.cells;
  const head = [first ? m.strong(m.text(first)) : "", second ? m.text(second) : ""]
    .filter(Boolean)
    .join(" ");
  const tail = rest.filter(Boolean).map((c) => m.text(c));
  if (row.days?.length) tail.push(runsText(row.days, m));
  return [head, ...tail].filter(Boolean).join(" · ");
}
