import type { Reply, ReplySection } from "../reply.ts";
import { listLine, type Markup } from "./row-text.ts";

const AS_IS: Markup = { text: (s) => s, strong: (s) => s, struck: (s) => s };

/**
 * Where an answer's rows came from, each row with every source behind it (the answer itself
 * shows the latest one). Shown to the person who asked for it, as the "Sources" button's view.
 */
export function sourcesView(reply: Reply): Reply {
  const sections: ReplySection[] = [];
  for (const s of reply.sections ?? []) {
    for (const row of s.rows) {
      const sources = row.sources ?? (row.source ? [row.source] : []);
      if (sources.length === 0) continue;
      sections.push({
        heading: listLine(row, AS_IS),
        rows: sources.map((source) => ({ cells: [], source })),
        layout: "sources",
      });
    }
  }
  const title = reply.title ? `Sources: ${reply.title}` : "Sources";
  return sections.length
    ? { kind: "answer", ephemeral: true, title, sections }
    : { kind: "answer", ephemeral: true, title, text: "This answer cites no sources." };
}
