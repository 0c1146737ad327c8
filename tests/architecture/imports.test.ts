import { readdirSync, readFileSync, statSync } from "node:fs";
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
  walk(join(ROOT, top));
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

describe("architecture: who may import whom (DESIGN.md)", () => {
  it("finds the files it checks", () => {
    expect(filesUnder("src").length).toBeGreaterThan(20);
    expect(filesUnder("commands")).toContain("commands/index.ts");
    expect(importsOf("src/main.ts")).toContain("adapters/console/console-adapter.ts");
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
    const readers = [
      ...filesUnder("src"),
      ...filesUnder("commands"),
      ...filesUnder("adapters"),
    ].filter((f) => /process\.env\b/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(readers.filter((f) => !["src/config.ts", "src/cli.ts"].includes(f))).toEqual([]);
  });

  it("lists every command file in commands/index.ts", () => {
    const listed = importsOf("commands/index.ts");
    const files = filesUnder("commands").filter((f) => f !== "commands/index.ts");
    for (const f of files) expect(listed).toContain(f);
  });
});
