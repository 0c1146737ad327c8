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
  /** One alternation of every spelling, longest first, so a sentence is scanned once. */
  private readonly names: RegExp;
  private readonly bySpelling = new Map<string, { union: UnionInfo; guarded: boolean }>();
  private readonly descriptors: RegExp | undefined;
  private readonly byDescriptor = new Map<string, UnionInfo>();

  constructor(unions: Unions) {
    const spellings: string[] = [];
    const descriptors: string[] = [];
    for (const u of unions.all()) {
      for (const s of new Set([
        u.name,
        u.fullName,
        ...u.aliases,
        ...(u.caseSensitiveAliases ?? []),
      ])) {
        const key = normal(s);
        if (!this.bySpelling.has(key)) {
          this.bySpelling.set(key, { union: u, guarded: NEEDS_UNION_WORD.has(s.toLowerCase()) });
          spellings.push(s);
        }
      }
      for (const d of u.descriptors ?? []) {
        if (!this.byDescriptor.has(normal(d))) {
          this.byDescriptor.set(normal(d), u);
          descriptors.push(d);
        }
      }
    }
    const alternation = (xs: string[]) =>
      xs
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join("|");
    this.names = new RegExp(`(?<![\\w-])(?:${alternation(spellings)})(?![\\w-])`, "gi");
    this.descriptors = descriptors.length
      ? new RegExp(`\\b(?:the|a|an)\\s+(${alternation(descriptors)})\\b`, "gi")
      : undefined;
  }

  find(text: string, articleUnions?: ReadonlySet<string>): UnionMention[] {
    const out: UnionMention[] = [];
    for (const m of text.matchAll(this.names)) {
      if (!/^[A-Z]/.test(m[0])) continue;
      const hit = this.bySpelling.get(normal(m[0]));
      if (!hit) continue;
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
      if (hit.guarded && !/^\s+(?:union|trade union|members?)\b/i.test(after)) continue;
      const mention: UnionMention = {
        union: hit.union.name,
        start: m.index,
        end: m.index + m[0].length,
        parenthetical: inBrackets(text, m.index),
        via: "name",
      };
      const last = out.at(-1);
      // "(RCN)" right after "Royal College of Nursing" is the same mention, not an aside.
      if (
        mention.parenthetical &&
        last &&
        last.union === mention.union &&
        /^\s*\($/.test(text.slice(last.end, mention.start))
      )
        continue;
      out.push(mention);
    }
    if (articleUnions && this.descriptors) {
      for (const m of text.matchAll(this.descriptors)) {
        const u = this.byDescriptor.get(normal(m[1]!));
        if (!u || !articleUnions.has(u.name)) continue;
        const start = m.index;
        if (out.some((x) => start < x.end && m.index + m[0].length > x.start)) continue;
        out.push({
          union: u.name,
          start,
          end: start + m[0].length,
          parenthetical: false,
          via: "descriptor",
        });
      }
      out.sort((a, b) => a.start - b.start);
    }
    return out;
  }
}

/** Spellings compared without case, curly apostrophes or runs of spaces. */
function normal(s: string): string {
  return s.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, " ");
}

function inBrackets(text: string, at: number): boolean {
  const before = text.slice(0, at);
  return before.lastIndexOf("(") > before.lastIndexOf(")");
}
