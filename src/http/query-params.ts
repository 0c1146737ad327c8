import { z } from "zod";
import { StrikewatchError } from "../errors.ts";
import { isValidDay } from "../domain/calendar.ts";
import { resolveRegion } from "../domain/regions.ts";
import type { Unions } from "../domain/unions.ts";
import { SECTORS, STRIKE_STATUSES, type Sector, type StrikeStatus } from "../domain/vocabulary.ts";
import { unknownWordError } from "../query/word-scanner.ts";

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined
      ? []
      : (Array.isArray(v) ? v : [v])
          .flatMap((x) => x.split(","))
          .map((x) => x.trim())
          .filter(Boolean),
  )
  .pipe(z.array(z.string().max(80)).max(20));

const schema = z.object({
  union: list,
  region: list,
  sector: list,
  status: list,
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "from must be a date like 2023-02-06")
    // The shape alone lets 2023-99-99 and 2026-02-31 through, which date arithmetic then
    // silently rolls into another month.
    .refine(
      (d) => isValidDay(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))),
      { message: "from is not a date on the calendar (month 01-12, a day that month has)" },
    )
    .refine((d) => d >= "1970-01-01" && d <= "2199-12-31", {
      message: "from must be between 1970 and 2199",
    })
    .optional(),
  weeks: z.coerce.number().int().min(1).max(52).optional(),
});

export interface CalendarFilters {
  unions: string[];
  regions: string[];
  sectors: Sector[];
  statuses: StrikeStatus[];
  from?: string;
  weeks?: number;
}

/** Query parameters of /calendar.ics and / (the same filters as /strikes), validated. */
export function parseFilters(params: URLSearchParams, unions: Unions): CalendarFilters {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrikewatchError("usage", `${issue.path.join(".") || "query"}: ${issue.message}`);
  }
  const p = parsed.data;
  const out: CalendarFilters = {
    unions: [],
    regions: [],
    sectors: [],
    statuses: [],
    from: p.from,
    weeks: p.weeks,
  };
  for (const u of p.union) {
    const found = unions.resolve(u);
    if (!found) throw unknownWordError(u, unions, "a union");
    out.unions.push(found.name);
  }
  for (const r of p.region) {
    const found = resolveRegion(r);
    if (!found) throw new StrikewatchError("unknown_word", `Unknown region "${r}".`);
    out.regions.push(found.name);
  }
  for (const s of p.sector) {
    if (!(SECTORS as readonly string[]).includes(s))
      throw new StrikewatchError(
        "unknown_word",
        `Unknown sector "${s}". Sectors: ${SECTORS.join(", ")}.`,
      );
    out.sectors.push(s as Sector);
  }
  for (const s of p.status) {
    if (!(STRIKE_STATUSES as readonly string[]).includes(s))
      throw new StrikewatchError("unknown_word", `Unknown status "${s}".`);
    out.statuses.push(s as StrikeStatus);
  }
  return out;
}

/** The same filters as a query string (for subscription links). */
export function filtersQuery(f: CalendarFilters): string {
  const q = new URLSearchParams();
  for (const u of f.unions) q.append("union", u);
  for (const r of f.regions) q.append("region", r);
  for (const s of f.sectors) q.append("sector", s);
  for (const s of f.statuses) q.append("status", s);
  const text = q.toString();
  return text ? `?${text}` : "";
}
