import type { Reply } from "../reply.ts";
import { listLine, runsText, type Markup } from "./row-text.ts";

/** Plain text has no strike-through: a called-off run keeps its status word beside it. */
const PLAIN: Markup = { text: (s) => clean(s), strong: (s) => s, struck: (s) => s };

/**
 * Plain text for terminals and for chat fallbacks. Control characters from feeds or users are
 * removed so an article cannot move a terminal's cursor or change its colours.
 */
export function renderPlainText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(clean(reply.title));
  if (reply.text) lines.push(clean(reply.text));
  for (const section of reply.sections ?? []) {
    const heading = clean(section.heading);
    if (section.layout === "list") {
      if (heading) lines.push(heading);
      const indent = heading ? "  " : "";
      for (const row of section.rows) {
        const source = row.source ? `  (source: ${clean(row.source.label)})` : "";
        lines.push(`${indent}${listLine(row, PLAIN)}${source}`);
      }
      continue;
    }
    if (section.layout === "sources") {
      lines.push(heading);
      for (const { source } of section.rows)
        if (source)
          lines.push(`  ${clean(source.label)}${source.url ? `: ${clean(source.url)}` : ""}`);
      continue;
    }
    const block = section.layout === "block";
    const pad = block ? "" : " ".repeat(heading.length);
    if (block || section.rows.length === 0) lines.push(heading);
    section.rows.forEach((row, i) => {
      const source = row.source ? `  (source: ${clean(row.source.label)})` : "";
      const cells = row.cells.filter(Boolean).map(clean);
      if (row.days?.length) cells.push(runsText(row.days, PLAIN));
      const body = cells.join("  ");
      lines.push(`${i === 0 && !block ? heading : pad}  ${body}${source}`.trimEnd());
    });
  }
  if (reply.error?.hint) lines.push(clean(reply.error.hint));
  if (reply.footer) lines.push(clean(reply.footer));
  for (const link of reply.links ?? []) lines.push(`${clean(link.label)}: ${clean(link.url)}`);
  return lines.join("\n");
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function clean(text: string): string {
  return text.replace(CONTROL, "");
}
