// `npm run bench:report -- <after.jsonl> [--before <before.jsonl>]`: turns the JSON lines of
// `npm run bench -- --scale --json` into the tables and chart of docs/performance.md (between its
// scale markers) and docs/performance-scale.svg. Every figure on that page comes from one run.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

interface Figure {
  name: string;
  value: number;
  unit: string;
  [detail: string]: unknown;
}

const ROUTES = [
  ["strikes_week", "`/strikes this week`"],
  ["strikes_week_filtered", "`/strikes this week RCN GMB Wales`"],
  ["disputes", "`/disputes`"],
  ["page", "page `/`"],
  ["ics_filtered", "`/calendar.ics?union=RCN`, cold"],
  ["ics_all_cold", "`/calendar.ics`, cold"],
  ["ics_all_cached", "`/calendar.ics`, cached"],
  ["cancel", "`/strike cancel … <day>`"],
  ["digest_enqueue_1000", "digest enqueue, 1,000 channels"],
] as const;
type Route = (typeof ROUTES)[number][0];
const SIZES = ["10k", "100k", "1m", "1m50y"] as const;
const STORES = ["sqlite", "postgres"] as const;

/** Issue 16's "Done means", as (route, sizes it applies at, p99 limit in ms). */
const TARGETS: { route: Route; sizes: readonly string[]; ms: number }[] = [
  { route: "strikes_week_filtered", sizes: ["1m", "1m50y"], ms: 10 },
  { route: "disputes", sizes: ["1m", "1m50y"], ms: 50 },
  { route: "page", sizes: ["1m", "1m50y"], ms: 50 },
  { route: "ics_filtered", sizes: ["1m", "1m50y"], ms: 50 },
  { route: "ics_all_cold", sizes: ["1m", "1m50y"], ms: 200 },
  { route: "ics_all_cached", sizes: ["1m", "1m50y"], ms: 5 },
  { route: "cancel", sizes: ["1m", "1m50y"], ms: 20 },
  { route: "digest_enqueue_1000", sizes: ["100k"], ms: 500 },
];

function read(path: string): Map<string, Figure> {
  const out = new Map<string, Figure>();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line.trim().startsWith("{")) continue;
    const f = JSON.parse(line) as Figure;
    out.set(f.name, f);
  }
  return out;
}

const value = (m: Map<string, Figure>, name: string) => m.get(name)?.value;

function ms(v: number | undefined): string {
  if (v === undefined) return "–";
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 1)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

function bytes(v: number | undefined): string {
  if (v === undefined) return "–";
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)} MB`;
  if (v >= 1e3) return `${(v / 1e3).toFixed(0)} KB`;
  return `${v} B`;
}

const at = (route: string, size: string, store: string, metric: string) =>
  `scale.${route}.${size}.${store}.${metric}`;

function scaleTable(after: Map<string, Figure>, store: string): string {
  const head = `| route (${store}) | ${SIZES.map((s) => `${s} p50 / p99`).join(" | ")} | answer at 1M |`;
  const rule = `|${" --- |".repeat(SIZES.length + 2)}`;
  const rows = ROUTES.map(([route, label]) => {
    const cells = SIZES.map((size) => {
      const p50 = value(after, at(route, size, store, "p50_ms"));
      const p99 = value(after, at(route, size, store, "p99_ms"));
      return p50 === undefined ? "–" : `${ms(p50)} / ${ms(p99)}`;
    });
    return `| ${label} | ${cells.join(" | ")} | ${bytes(value(after, at(route, "1m", store, "bytes")))} |`;
  });
  return [head, rule, ...rows].join("\n");
}

function targetTable(after: Map<string, Figure>, before?: Map<string, Figure>): string {
  const lines = [
    `| target | store | size | before p99 | after p99 | met |`,
    `| --- | --- | --- | --- | --- | --- |`,
  ];
  for (const t of TARGETS) {
    const label = ROUTES.find(([r]) => r === t.route)![1];
    for (const size of t.sizes) {
      const lite = value(after, at(t.route, size, "sqlite", "p99_ms"));
      const pg = value(after, at(t.route, size, "postgres", "p99_ms"));
      lines.push(
        `| ${label} ≤ ${t.ms} ms | SQLite | ${size} | ${ms(before && value(before, at(t.route, size, "sqlite", "p99_ms")))} | ${ms(lite)} | ${lite === undefined ? "–" : lite <= t.ms ? "yes" : "**no**"} |`,
      );
      if (pg !== undefined || before?.has(at(t.route, size, "postgres", "p99_ms"))) {
        const ratio = lite !== undefined && pg !== undefined ? pg / lite : undefined;
        lines.push(
          `| ${label}: within 3× of SQLite | PostgreSQL | ${size} | ${ms(before && value(before, at(t.route, size, "postgres", "p99_ms")))} | ${ms(pg)}${ratio === undefined ? "" : ` (${ratio.toFixed(1)}×)`} | ${ratio === undefined ? "–" : ratio <= 3 ? "yes" : "**no**"} |`,
        );
      }
    }
  }
  const loop = after.get("loop.delay_p99_ms");
  if (loop) {
    lines.push(
      `| event-loop delay p99 ≤ 20 ms (4 page + 4 calendar clients) | ${String(loop.store)} | ${String(loop.size)} | ${ms(before && value(before, "loop.delay_p99_ms"))} | ${ms(loop.value)} | ${loop.value <= 20 ? "yes" : "**no**"} |`,
    );
  }
  return lines.join("\n");
}

function otherFigures(after: Map<string, Figure>, before?: Map<string, Figure>): string {
  const names = [
    ["http.calendar_ics.3000_days_ms", "`/calendar.ics` of 3,000 strike days, cold (p50)"],
    ["http.calendar_ics.3000_days_cached_ms", "the same, cached (p50)"],
    [
      "http.strikes_during_8_calendar_clients.p99_ms",
      "`/strikes this week` p99 while 8 clients fetch the calendar",
    ],
    ["extract.ratio_to_naive", "extraction speed ÷ a naive chrono pass (bench/extract.ts)"],
  ];
  const lines = ["| figure | before | after |", "| --- | --- | --- |"];
  for (const [name, label] of names) {
    const a = after.get(name!);
    if (!a && !before?.get(name!)) continue;
    const fmt = (f: Figure | undefined) =>
      !f ? "–" : f.unit === "ms" ? ms(f.value) : `${f.value} ${f.unit === "ratio" ? "×" : f.unit}`;
    lines.push(`| ${label} (\`${name}\`) | ${fmt(before?.get(name!))} | ${fmt(a)} |`);
  }
  return lines.join("\n");
}

/** Small multiples: per route, p50 against store size (log-log), SQLite and PostgreSQL. */
function chart(after: Map<string, Figure>, before?: Map<string, Figure>): string {
  const W = 250;
  const H = 170;
  const cols = 3;
  const pad = { l: 46, r: 10, t: 24, b: 28 };
  const xs = ["10k", "100k", "1m"];
  const yMin = -2; // 0.01 ms
  const yMax = 5; // 100 s
  const x = (i: number) => pad.l + (i / (xs.length - 1)) * (W - pad.l - pad.r);
  const y = (v: number) =>
    pad.t +
    (1 - (Math.log10(Math.max(v, 10 ** yMin)) - yMin) / (yMax - yMin)) * (H - pad.t - pad.b);
  const series = [
    { m: after, store: "sqlite", color: "#1f5fa8", dash: "", label: "SQLite" },
    { m: after, store: "postgres", color: "#c4561d", dash: "", label: "PostgreSQL" },
    ...(before
      ? [
          { m: before, store: "sqlite", color: "#8a8a8a", dash: "4 3", label: "SQLite before" },
          {
            m: before,
            store: "postgres",
            color: "#b9b9b9",
            dash: "4 3",
            label: "PostgreSQL before",
          },
        ]
      : []),
  ];
  const panels = ROUTES.map(([route, label], n) => {
    const ox = (n % cols) * W;
    const oy = Math.floor(n / cols) * H + 30;
    const grid = [-1, 0, 1, 2, 3, 4]
      .map(
        (e) =>
          `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#e4e4e4"/>` +
          `<text x="${pad.l - 4}" y="${y(10 ** e) + 3}" text-anchor="end" font-size="9">${e < 0 ? "0.1 ms" : e < 3 ? `${10 ** e} ms` : `${10 ** (e - 3)} s`}</text>`,
      )
      .join("");
    const ticks = xs
      .map(
        (s, i) =>
          `<text x="${x(i)}" y="${H - pad.b + 12}" text-anchor="middle" font-size="9">${s}</text>`,
      )
      .join("");
    const lines = series
      .map((s) => {
        const pts = xs
          .map((size, i) => [i, value(s.m, at(route, size, s.store, "p50_ms"))] as const)
          .filter((p): p is readonly [number, number] => p[1] !== undefined);
        if (pts.length === 0) return "";
        const path = pts.map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
        const long = value(s.m, at(route, "1m50y", s.store, "p50_ms"));
        const diamond =
          long === undefined
            ? ""
            : `<path d="M${x(2) + 8},${y(long) - 4} l4,4 l-4,4 l-4,-4 z" fill="none" stroke="${s.color}"/>`;
        return `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="1.6" stroke-dasharray="${s.dash}"/>${pts
          .map(([i, v]) => `<circle cx="${x(i)}" cy="${y(v)}" r="2" fill="${s.color}"/>`)
          .join("")}${diamond}`;
      })
      .join("");
    const target = TARGETS.find((t) => t.route === route);
    const targetLine = target
      ? `<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(target.ms)}" y2="${y(target.ms)}" stroke="#c00" stroke-dasharray="2 2"/>`
      : "";
    const title = label.replace(/`/g, "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
    return `<g transform="translate(${ox},${oy})"><text x="${pad.l}" y="14" font-size="11" font-weight="bold">${title}</text>${grid}${ticks}${targetLine}${lines}</g>`;
  });
  const legend = series
    .map(
      (s, i) =>
        `<g transform="translate(${10 + i * 150},12)"><line x1="0" x2="22" y1="0" y2="0" stroke="${s.color}" stroke-width="1.6" stroke-dasharray="${s.dash}"/><text x="27" y="4" font-size="11">${s.label}</text></g>`,
    )
    .join("");
  const note = `<text x="${cols * W - 8}" y="16" font-size="10" text-anchor="end">p50 by strike days stored; ◇ 1M over 50 years; red: target p99</text>`;
  const height = Math.ceil(ROUTES.length / cols) * H + 36;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * W}" height="${height}" font-family="sans-serif" role="img" aria-label="Route latency against store size">
<rect width="100%" height="100%" fill="#fff"/>${legend}${note}${panels.join("")}</svg>
`;
}

function main(): void {
  const args = process.argv.slice(2);
  const beforeAt = args.indexOf("--before");
  const beforePath = beforeAt >= 0 ? args[beforeAt + 1] : undefined;
  const afterPath = args.find(
    (a, i) => !a.startsWith("--") && (beforeAt < 0 || i !== beforeAt + 1),
  );
  if (!afterPath) {
    console.error("usage: perf-report <after.jsonl> [--before <before.jsonl>] [--docs docs]");
    process.exit(2);
  }
  const docsAt = args.indexOf("--docs");
  const docs = docsAt >= 0 ? args[docsAt + 1]! : "docs";
  const after = read(afterPath);
  const before = beforePath ? read(beforePath) : undefined;
  const machine = after.get("scale.seed.10k.sqlite.s");
  const section = [
    "<!-- scale:begin (generated by `npm run bench:report`; edit scripts/perf-report.ts, not this) -->",
    "",
    "![p50 of every route against strike days stored, SQLite and PostgreSQL](performance-scale.svg)",
    "",
    "### Targets (issue 16)",
    "",
    targetTable(after, before),
    "",
    "### Every route, p50 / p99",
    "",
    ...STORES.flatMap((s) => [scaleTable(after, s), ""]),
    "### The calendar under load, and extraction",
    "",
    otherFigures(after, before),
    "",
    machine ? `Seeding: ${JSON.stringify(machine)}.` : "",
    "",
    "<!-- scale:end -->",
  ].join("\n");
  const page = join(docs, "performance.md");
  let text: string;
  try {
    text = readFileSync(page, "utf8");
  } catch {
    text =
      "# Performance\n\n## Cost against the size of the store\n\n<!-- scale:begin -->\n<!-- scale:end -->\n";
  }
  const begin = text.indexOf("<!-- scale:begin");
  const end = text.indexOf("<!-- scale:end -->");
  text =
    begin >= 0 && end > begin
      ? text.slice(0, begin) + section + text.slice(end + "<!-- scale:end -->".length)
      : `${text.trimEnd()}\n\n## Cost against the size of the store\n\n${section}\n`;
  writeFileSync(page, text);
  writeFileSync(join(docs, "performance-scale.svg"), chart(after, before));
  console.log(`wrote ${page} and ${join(docs, "performance-scale.svg")}`);
}

main();
