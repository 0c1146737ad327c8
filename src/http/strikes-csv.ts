import { formatDay } from "../domain/calendar.ts";
import type { StrikeDay } from "../domain/facts.ts";
import type { Unions } from "../domain/unions.ts";
import { strikeRecord } from "./api-strikes.ts";
import { publicSourceName } from "./public-source.ts";

/** Most strike days one CSV file holds; past that the request is refused, never cut short. */
export const CSV_MAX_ROWS = 20_000;
/** The window when only `from` (or nothing) is given: about three months, a rota's horizon. */
export const CSV_DEFAULT_DAYS = 91;

export const CSV_COLUMNS = [
  "date",
  "weekday",
  "union",
  "union_name",
  "workforce",
  "sector",
  "employer",
  "regions",
  "status",
  "called_off",
  "source",
  "source_url",
  "as_of",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, quotes doubled. A
 * field a spreadsheet would run as a formula (starting with = + - @, or a tab or CR that some
 * spreadsheets skip before one) gets a leading apostrophe, so text from a feed can never become
 * `=HYPERLINK(…)` in a rota planner's sheet.
 */
export function csvField(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

export function csvRow(r: StrikeDay, unions: Unions): string {
  const rec = strikeRecord(r, unions);
  return csvLine([
    rec.day,
    formatDay(rec.day).slice(0, 3),
    rec.union,
    rec.unionName,
    rec.workforce,
    rec.sector,
    rec.employer ?? "",
    rec.regions.length ? rec.regions.join("; ") : "area not given",
    rec.status,
    rec.calledOff ? "yes" : "no",
    publicSourceName(rec.source),
    rec.source.kind === "news" ? (rec.source.url ?? "") : "",
    rec.asOf,
  ]);
}

/** Rows a CSV export reads from the store at a time. */
export const CSV_PAGE_ROWS = 1000;

/**
 * The first line of the file. It starts with a UTF-8 byte order mark, which Excel needs to read
 * non-ASCII names (Cymraeg place names, "–") correctly.
 */
export const CSV_HEADER = `\ufeff${csvLine(CSV_COLUMNS)}`;

export function csvRows(rows: readonly StrikeDay[], unions: Unions): string {
  let text = "";
  for (const r of rows) text += csvRow(r, unions);
  return text;
}
