import { describe, expect, it } from "vitest";
import { Unions } from "../../src/domain/unions.ts";

const CANONICAL = [
  "RCN",
  "GMB",
  "Unite",
  "Unison",
  "PCS",
  "CSP",
  "RCM",
  "BMA",
  "HCSA",
  "SoR",
  "BDA",
  "RMT",
  "ASLEF",
  "TSSA",
  "NEU",
  "NASUWT",
  "NAHT",
  "EIS",
  "UCU",
  "CWU",
  "FBU",
  "Prospect",
  "Usdaw",
  "Equity",
  "NIPSA",
  "Community",
  "INTO",
  "UTU",
  "SIPTU",
  "ASCL",
];

describe("union registry", () => {
  const unions = new Unions();

  it("knows every union of the shared vocabulary, with a full name and sectors", () => {
    expect(
      unions
        .all()
        .map((u) => u.name)
        .sort(),
    ).toEqual([...CANONICAL].sort());
    for (const u of unions.all()) {
      expect(u.fullName.length).toBeGreaterThan(1);
      expect(u.sectors.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ["Royal College of Nursing", "RCN"],
    ["rcn", "RCN"],
    ["Aslef", "ASLEF"],
    ["Chartered Society of Physiotherapy", "CSP"],
    ["Fire Brigades Union", "FBU"],
    ["unsion", "Unison"],
  ])("resolves %j to %s", (text, name) => {
    expect(unions.resolve(text)?.name).toBe(name);
  });

  it("suggests the closest union for a typo, and nothing for a stranger", () => {
    expect(unions.suggest("RNC").map((u) => u.name)).toEqual(["RCN"]);
    expect(unions.suggest("Unisun").map((u) => u.name)).toEqual(["Unison"]);
    expect(unions.suggest("hospital")).toEqual([]);
  });

  it("adds unions and aliases from configuration", () => {
    const extended = new Unions([
      {
        name: "IWGB",
        fullName: "Independent Workers' Union of Great Britain",
        aliases: ["IWGB union"],
        sectors: ["other"],
      },
      {
        name: "RCN",
        fullName: "Royal College of Nursing",
        aliases: ["the Royal College"],
        sectors: ["health"],
      },
    ]);
    expect(extended.resolve("IWGB union")?.name).toBe("IWGB");
    expect(extended.resolve("the Royal College")?.name).toBe("RCN");
    expect(extended.resolve("Royal College of Nursing")?.name).toBe("RCN");
  });

  it("marks ordinary English words that are also union names", () => {
    expect(unions.isAmbiguousInLowercase("unite")).toBe(true);
    expect(unions.isAmbiguousInLowercase("community")).toBe(true);
    expect(unions.isAmbiguousInLowercase("RCN")).toBe(false);
  });
});
