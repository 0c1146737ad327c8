import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.ts";

/** Every TypeScript file under a top-level folder, as paths relative to the repository. */
function filesUnder(top: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(".ts")) out.push(relative(ROOT, p).split(sep).join("/"));
    }
  };
  if (existsSync(join(ROOT, top))) walk(join(ROOT, top));
  return out;
}

/** What a file imports: repository-relative paths for local modules, package names otherwise. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specs = [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2]!);
  return specs.map((s) =>
    s.startsWith(".")
      ? relative(ROOT, resolve(ROOT, dirname(file), s))
          .split(sep)
          .join("/")
      : s,
  );
}

const PLATFORM_SDKS = /^(@slack\/|discord\.js|@discordjs\/)/;
const COMPOSITION_ROOTS = new Set(["src/main.ts", "src/cli.ts"]);
const SOURCE_FILES = () => [
  ...filesUnder("src"),
  ...filesUnder("commands"),
  ...filesUnder("adapters"),
];

/**
 * The core's inner layers: the part of src/ a file lives in (its folder, or "src/x.ts" for a
 * file at the top). Lower layers never import higher ones, so data flows one way:
 * text → facts → events → reply → platform.
 */
function areaOf(file: string): string {
  const [top, second] = file.split("/");
  if (top !== "src") return top!;
  return second!.endsWith(".ts") ? file : `src/${second}`;
}

/** Modules every layer may use: errors, the clock, logging, metrics, small helpers. */
const FOUNDATION = [
  "src/errors.ts",
  "src/clock.ts",
  "src/logger.ts",
  "src/within.ts",
  "src/metrics.ts",
];

/** For each inner layer, the only parts of src/ it may import (besides itself). */
const MAY_IMPORT: Record<string, string[]> = {
  "src/errors.ts": [],
  "src/clock.ts": [],
  "src/logger.ts": [],
  "src/within.ts": [],
  "src/metrics.ts": [],
  // The vocabulary imports nothing above it.
  "src/domain": ["src/errors.ts", "src/clock.ts"],
  // English as news and people write it: vocabulary only.
  "src/language": ["src/domain", "src/errors.ts", "src/clock.ts"],
  // The store keeps facts; it knows nothing of where they came from or where they go.
  "src/store": ["src/domain", ...FOUNDATION],
  // The command language reads words into typed queries.
  "src/query": ["src/domain", "src/language", ...FOUNDATION],
};

/** Layers the middle must not reach into: who feeds the store must not know who reads it. */
const MUST_NOT_IMPORT: Record<string, string[]> = {
  "src/render": ["src/store", "src/ingest", "src/delivery", "src/http", "src/dispatcher.ts"],
  "src/ingest": ["src/delivery", "src/http", "src/dispatcher.ts", "src/render"],
  "src/delivery": ["src/ingest", "src/http", "src/dispatcher.ts"],
  "src/http": ["src/ingest", "src/delivery", "src/dispatcher.ts"],
  "src/dispatcher.ts": ["src/ingest", "src/delivery", "src/http"],
  "src/command.ts": ["src/ingest", "src/delivery", "src/http", "src/dispatcher.ts"],
};

describe("architecture: who may import whom (docs/architecture.md)", () => {
  it("finds the files it checks", () => {
    expect(filesUnder("src").length).toBeGreaterThan(20);
    expect(filesUnder("commands")).toContain("commands/index.ts");
    expect(importsOf("src/main.ts")).toContain("adapters/console/console-adapter.ts");
    expect(importsOf("src/store/sql-event-store.ts")).toContain("src/store/strike-writes.ts");
  });

  it("keeps the core free of commands, adapters and platform SDKs", () => {
    const bad = filesUnder("src")
      .filter((f) => !COMPOSITION_ROOTS.has(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((i) => /^(adapters|commands)\//.test(i) || PLATFORM_SDKS.test(i))
          .map((i) => `${f} → ${i}`),
      );
    expect(bad).toEqual([]);
  });

  it("keeps the core's inner layers below the ones that use them", () => {
    const bad = filesUnder("src")
      .filter((f) => !COMPOSITION_ROOTS.has(f))
      .flatMap((f) => {
        const from = areaOf(f);
        return importsOf(f)
          .filter((i) => i.startsWith("src/"))
          .filter((i) => {
            const to = areaOf(i);
            if (to === from) return false;
            if (COMPOSITION_ROOTS.has(i)) return true;
            const allowed = MAY_IMPORT[from];
            if (allowed && !allowed.includes(to)) return true;
            return (MUST_NOT_IMPORT[from] ?? []).includes(to);
          })
          .map((i) => `${f} → ${i}`);
      });
    expect(bad).toEqual([]);
  });

  it("would catch a layer reaching up (the rules are not vacuous)", () => {
    // The rules as the test applies them, to imports that must be refused.
    const refused = (from: string, to: string) =>
      (MAY_IMPORT[from] !== undefined && !MAY_IMPORT[from].includes(to)) ||
      (MUST_NOT_IMPORT[from] ?? []).includes(to);
    expect(refused("src/domain", "src/store")).toBe(true);
    expect(refused("src/store", "src/ingest")).toBe(true);
    expect(refused("src/store", "src/http")).toBe(true);
    expect(refused("src/delivery", "src/http")).toBe(true);
    expect(refused("src/ingest", "src/delivery")).toBe(true);
    expect(refused("src/metrics.ts", "src/http")).toBe(true);
    expect(refused("src/store", "src/domain")).toBe(false);
  });

  it("has no import cycle anywhere", () => {
    const files = SOURCE_FILES();
    const known = new Set(files);
    const edges = new Map(files.map((f) => [f, importsOf(f).filter((i) => known.has(i))] as const));
    // Tarjan's strongly connected components: any component of two or more files is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v) ?? []) {
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.sort());
      }
    };
    for (const f of files) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("keeps commands away from adapters and platform SDKs", () => {
    const bad = filesUnder("commands").flatMap((f) =>
      importsOf(f)
        .filter((i) => i.startsWith("adapters/") || PLATFORM_SDKS.test(i))
        .map((i) => `${f} → ${i}`),
    );
    expect(bad).toEqual([]);
  });

  it("lets each adapter import only the core and its own platform's SDK", () => {
    const own: Record<string, RegExp> = {
      slack: /^@slack\//,
      discord: /^(discord\.js|@discordjs\/)/,
      console: /^$/,
    };
    const bad = filesUnder("adapters").flatMap((f) => {
      const platform = f.split("/")[1]!;
      return importsOf(f)
        .filter(
          (i) =>
            i.startsWith("commands/") ||
            (i.startsWith("adapters/") && !i.startsWith(`adapters/${platform}/`)) ||
            (PLATFORM_SDKS.test(i) && !(own[platform] ?? /^$/).test(i)),
        )
        .map((i) => `${f} → ${i}`);
    });
    expect(bad).toEqual([]);
  });

  it("reads configuration in one module only", () => {
    const readers = SOURCE_FILES().filter((f) =>
      /process\.env\b/.test(readFileSync(join(ROOT, f), "utf8")),
    );
    expect(readers.filter((f) => !["src/config.ts", "src/cli.ts"].includes(f))).toEqual([]);
  });

  it("lists every command file in commands/index.ts", () => {
    const listed = importsOf("commands/index.ts");
    const files = filesUnder("commands").filter((f) => f !== "commands/index.ts");
    for (const f of files) expect(listed).toContain(f);
  });
});
