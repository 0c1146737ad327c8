import { z } from "zod";
import { addDays, daysBetween, type IsoDay } from "../domain/calendar.ts";
import type { Unions } from "../domain/unions.ts";
import { StrikewatchError } from "../errors.ts";
import { filterParams, parseFilters, rawParams, type CalendarFilters } from "./query-params.ts";

export type PageView = "list" | "month";

/** What one GET / asks for: the filters, the view, its window and which page of it. */
export interface PageRequest {
  filters: CalendarFilters;
  view: PageView;
  /** First and last day shown: a week (list) or a calendar month (month). */
  from: IsoDay;
  to: IsoDay;
  /** 1-based page within the window when it holds more strike days than one page shows. */
  page: number;
  /** Whether `from` was asked for (links then carry it) or is today's default. */
  fromGiven: boolean;
}

export const MAX_PAGE = 200;

const schema = z.object({
  view: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v[0] : v) || "list")
    .pipe(z.enum(["list", "month"], { message: 'view must be "list" or "month"' })),
  page: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (Array.isArray(v) ? v[0] : v) || "1")
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}$/, `page must be a whole number from 1 to ${MAX_PAGE}`)
        .transform(Number)
        .pipe(
          z
            .number()
            .min(1, `page must be a whole number from 1 to ${MAX_PAGE}`)
            .max(MAX_PAGE, `page must be a whole number from 1 to ${MAX_PAGE}`),
        ),
    ),
});

export function monthStart(day: IsoDay): IsoDay {
  return `${day.slice(0, 7)}-01`;
}

export function monthEnd(day: IsoDay): IsoDay {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return `${day.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
}

export function addMonths(day: IsoDay, n: number): IsoDay {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + n];
  const date = new Date(Date.UTC(y, m, 1));
  return date.toISOString().slice(0, 10);
}

/**
 * Parses GET / parameters: the shared filters (a bad union, region or date is a 400 with its
 * reason), `view`, and `page`. A list shows the seven days from `from` (today by default); a
 * month view the calendar month holding `from`.
 */
export function parsePageRequest(
  params: URLSearchParams,
  unions: Unions,
  today: IsoDay,
): PageRequest {
  const filters = parseFilters(params, unions);
  const parsed = schema.safeParse(rawParams(params));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new StrikewatchError("usage", `${issue.path.join(".")}: ${issue.message}`);
  }
  const { view, page } = parsed.data;
  const start = filters.from ?? today;
  const from = view === "month" ? monthStart(start) : start;
  const to = view === "month" ? monthEnd(start) : addDays(start, 6);
  return { filters, view, from, to, page, fromGiven: filters.from !== undefined };
}

/** The page's own address for a request with some parts changed (filters stay). */
export function pageHref(
  r: PageRequest,
  change: Partial<Pick<PageRequest, "view" | "from" | "page">> & { filters?: CalendarFilters },
): string {
  const q = filterParams(change.filters ?? r.filters);
  const view = change.view ?? r.view;
  if (view !== "list") q.set("view", view);
  const from = change.from ?? (r.fromGiven ? r.from : undefined);
  if (from) q.set("from", from);
  const page = change.page ?? 1;
  if (page > 1) q.set("page", String(page));
  const text = q.toString();
  return text ? `/?${text}` : "/";
}

export function windowDays(r: PageRequest): number {
  return daysBetween(r.from, r.to) + 1;
}
