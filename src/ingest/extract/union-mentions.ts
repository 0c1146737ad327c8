import type { UnionInfo, Unions } from "../../domain/unions.ts";

export interface UnionMention {
  union: string;
  start: number;
  end: number;
  /** Inside brackets: "(RCN)" after a full name, or an aside "(same day as the Aslef strike)". */
  parenthetical: boolean;
  via: "name" | "descriptor";
}

function escape(s: string): string {
  return s
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    .replace(/'/g, "['’]")
    .replace(/\s+/g, "\\s+");
}

/** Ordinary words that are also union names: trusted only with a union word beside them. */
const NEEDS_UNION_WORD = new Set(["community", "equity", "prospect"]);

/**
 * Finds unions named in a sentence: names, acronyms and aliases in any capitalisation that
 * starts with a capital ("in unison" and "to unite" are not unions), and descriptors ("the
 * nursing union") for unions the article names somewhere.
 */
export class UnionMatcher {
  private readonly names: { re: RegExp; union: UnionInfo; guarded: boolean }[] = [];
  private readonly descriptors: { re: RegExp; union: UnionInfo }[] = [];

  constructor(unions: Unions) {
    for (const u of unions.all()) {
      const spellings = new Set([
        u.name,
        u.fullName,
        ...u.aliases,
        ...(u.caseSensitiveAliases ?? []),
      ]);
      for (const s of spellings) {
        const guarded = NEEDS_UNION_WORD.has(s.toLowerCase());
        this.names.push({
          re: new RegExp(`(?<![\\w-])${escape(s)}(?![\\w-])`, "gi"),
          union: u,
          guarded,
        });
      }
      for (const d of u.descriptors ?? []) {
        this.descriptors.push({
          re: new RegExp(`\\b(?:the|a|an)\\s+${escape(d)}\\b`, "gi"),
          union: u,
        });
      }
    }
  }

  find(text: string, articleUnions?: ReadonlySet<string>): UnionMention[] {
    const found: UnionMention[] = [];
    for (const { re, union, guarded } of this.names) {
      for (const m of text.matchAll(re)) {
        if (!/^[A-Z]/.test(m[0])) continue;
        if (
          guarded &&
          !/\s+(?:union|trade union|members?)\b/i.test(
            text.slice(m.index + m[0].length, m.index + m[0].length + 20),
          )
        )
          continue;
        found.push({
          union: union.name,
          start: m.index,
          end: m.index + m[0].length,
          parenthetical: inBrackets(text, m.index),
          via: "name",
        });
      }
    }
    if (articleUnions) {
      for (const { re, union } of this.descriptors) {
        if (!articleUnions.has(union.name)) continue;
        for (const m of text.matchAll(re)) {
          found.push({
            union: union.name,
            start: m.index,
            end: m.index + m[0].length,
            parenthetical: false,
            via: "descriptor",
          });
        }
      }
    }
    // Longest match wins where spellings overlap ("Unite the Union" over "Unite").
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: UnionMention[] = [];
    for (const m of found) {
      const last = out.at(-1);
      if (last && m.start < last.end) continue;
      // "(RCN)" right after "Royal College of Nursing" is the same mention, not an aside.
      if (
        m.parenthetical &&
        last &&
        last.union === m.union &&
        /^\s*\($/.test(text.slice(last.end, m.start))
      )
        continue;
      out.push(m);
    }
    return out;
  }
}

function inBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf("(") > before.lastIndexOf(")");
}
