import type { UnionInfo, Unions } from "../domain/unions.ts";
import { tokenize, type Token } from "./tokens.ts";

/**
 * Unions named in a token stream: registry names, acronyms and aliases (a walk down a word
 * trie from each capitalised word), "Full Name (ACR)" definitions learned from the text itself,
 * and descriptors ("the nursing union") for unions the text names somewhere.
 */
export interface UnionMention {
  union: string;
  /** Tokens `[ts, te)`. */
  ts: number;
  te: number;
  via: "name" | "descriptor";
  /** Inside brackets: "(RCN)" after a full name, or an aside "(same day as the Aslef strike)". */
  bracketed: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  union?: UnionInfo;
  /** Only in this exact spelling ("Unite", "SoR", "INTO"). */
  exact?: string;
  /** An ordinary word too ("Community"): needs "union" or "members" after it. */
  guarded?: boolean;
}

/** Ordinary words that are also union names: trusted only with a union word beside them. */
const NEEDS_UNION_WORD = new Set(["community", "equity", "prospect"]);
const UNION_WORDS = new Set(["union", "unions", "member", "members", "trade", "rep", "reps"]);
/** Words that end an organisation's name and make it a union ("… Association (BDA)"). */
const UNION_HEADS = new Set([
  "union",
  "association",
  "society",
  "college",
  "federation",
  "institute",
  "alliance",
  "organisation",
  "organization",
  "guild",
  "confederation",
  "congress",
]);
const NAME_GLUE = new Set(["of", "and", "for", "the", "&", "in", "'", "-", ","]);

function stem(w: string): string {
  return w.endsWith("'s") ? w.slice(0, -2) : w.endsWith("s'") ? w.slice(0, -1) : w;
}

export class UnionNames {
  private readonly root: TrieNode = { next: new Map() };
  private readonly descriptors: TrieNode = { next: new Map() };
  private readonly byName = new Map<string, UnionInfo>();

  constructor(unions: Unions) {
    for (const u of unions.all()) {
      this.byName.set(u.name.toLowerCase(), u);
      for (const s of new Set([u.name, u.fullName, ...u.aliases])) {
        if (u.caseSensitiveAliases?.some((c) => c.toLowerCase() === s.toLowerCase())) continue;
        this.add(this.root, s, u, undefined, NEEDS_UNION_WORD.has(s.toLowerCase()));
      }
      for (const s of u.caseSensitiveAliases ?? [])
        this.add(this.root, s, u, s, NEEDS_UNION_WORD.has(s.toLowerCase()));
      for (const d of u.descriptors ?? []) this.add(this.descriptors, d, u, undefined, false);
    }
  }

  private add(
    root: TrieNode,
    spelling: string,
    u: UnionInfo,
    exact: string | undefined,
    guarded: boolean,
  ): void {
    let node = root;
    for (const t of tokenize(spelling)) {
      let n = node.next.get(t.w);
      if (!n) {
        n = { next: new Map() };
        node.next.set(t.w, n);
      }
      node = n;
    }
    if (node.union) return;
    node.union = u;
    if (exact) node.exact = exact;
    if (guarded) node.guarded = true;
  }

  byCanonicalName(name: string): UnionInfo | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /**
   * Every mention in tokens `[from, to)`. `learned` holds the text's own definitions, and
   * `named` the unions named anywhere in it (descriptors only count for those).
   */
  find(
    text: string,
    t: readonly Token[],
    from: number,
    to: number,
    learned: ReadonlyMap<string, string> | undefined,
    named: ReadonlySet<string> | undefined,
  ): UnionMention[] {
    const out: UnionMention[] = [];
    let depth = 0;
    for (let i = from; i < to; i++) {
      const tk = t[i]!;
      if (tk.kind === "punct") {
        if (tk.w === "(") depth++;
        else if (tk.w === ")" && depth > 0) depth--;
        continue;
      }
      if (tk.kind !== "word" || !tk.cap) continue;
      const hit = this.walk(text, t, i, to, this.root, learned);
      if (hit) {
        // "(RCN)" right after "Royal College of Nursing" is the same mention.
        const last = out.at(-1);
        const bracketed = depth > 0;
        if (!(
          bracketed &&
          last &&
          last.union === hit.union &&
          last.te === i - 1 &&
          t[i - 1]!.w === "("
        ))
          out.push({ union: hit.union, ts: i, te: hit.te, via: "name", bracketed });
        i = hit.te - 1;
      }
    }
    if (named && named.size > 0) {
      for (let i = from; i < to; i++) {
        const w = t[i]!.w;
        if (w !== "the" && w !== "a" && w !== "an") continue;
        const hit = this.walkPlain(t, i + 1, to, this.descriptors);
        if (!hit || !named.has(hit.union)) continue;
        if (out.some((m) => i < m.te && hit.te > m.ts)) continue;
        out.push({ union: hit.union, ts: i, te: hit.te, via: "descriptor", bracketed: false });
      }
      out.sort((a, b) => a.ts - b.ts);
    }
    return out;
  }

  /** Adds descriptor mentions ("the nursing union") for unions the text names, to name mentions. */
  withDescriptors(
    t: readonly Token[],
    from: number,
    to: number,
    mentions: UnionMention[],
    named: ReadonlySet<string>,
  ): UnionMention[] {
    let out: UnionMention[] | undefined;
    for (let i = from; i < to; i++) {
      const w = t[i]!.w;
      if (w !== "the" && w !== "a" && w !== "an") continue;
      if (!this.descriptors.next.has(t[i + 1]?.w ?? "")) continue;
      const hit = this.walkPlain(t, i + 1, to, this.descriptors);
      if (!hit || !named.has(hit.union)) continue;
      if (mentions.some((m) => i < m.te && hit.te > m.ts)) continue;
      out ??= [...mentions];
      out.push({ union: hit.union, ts: i, te: hit.te, via: "descriptor", bracketed: false });
    }
    return out ? out.sort((a, b) => a.ts - b.ts) : mentions;
  }

  private walk(
    text: string,
    t: readonly Token[],
    i: number,
    to: number,
    root: TrieNode,
    learned: ReadonlyMap<string, string> | undefined,
  ): { union: string; te: number } | undefined {
    let node: TrieNode | undefined = root;
    let best: { union: string; te: number } | undefined;
    for (let k = i; k < to && node; k++) {
      const tk = t[k]!;
      const w = tk.w;
      let n: TrieNode | undefined = node.next.get(w);
      if (!n && k > i && tk.kind === "word") {
        const s = stem(w);
        if (s !== w) n = node.next.get(s);
      } else if (!n && k === i) {
        const s = stem(w);
        if (s !== w) n = node.next.get(s);
      }
      if (!n) break;
      node = n;
      if (node.union) {
        const written = text.slice(t[i]!.s, tk.e).replace(/['’]s$/, "");
        if (node.exact && written !== node.exact) continue;
        if (node.guarded) {
          const after = t[k + 1];
          if (!after || !UNION_WORDS.has(after.w)) continue;
        }
        best = { union: node.union.name, te: k + 1 };
      }
    }
    if (learned && learned.size > 0) {
      const w = stem(t[i]!.w);
      const u = learned.get(w);
      if (u && (!best || best.te <= i + 1)) {
        // A learned long form: walk its words.
        return best ?? { union: u, te: i + 1 };
      }
      const long = this.learnedLongForm(t, i, to, learned);
      if (long && (!best || long.te > best.te)) return long;
    }
    return best;
  }

  private learnedLongForm(
    t: readonly Token[],
    i: number,
    to: number,
    learned: ReadonlyMap<string, string>,
  ): { union: string; te: number } | undefined {
    let key = "";
    let best: { union: string; te: number } | undefined;
    for (let k = i; k < to && k < i + 12; k++) {
      key = key ? `${key} ${t[k]!.w}` : t[k]!.w;
      const u = learned.get(key);
      if (u) best = { union: u, te: k + 1 };
    }
    return best;
  }

  private walkPlain(
    t: readonly Token[],
    i: number,
    to: number,
    root: TrieNode,
  ): { union: string; te: number } | undefined {
    let node: TrieNode | undefined = root;
    let best: { union: string; te: number } | undefined;
    for (let k = i; k < to && node; k++) {
      node = node.next.get(t[k]!.w);
      if (node?.union) best = { union: node.union.name, te: k + 1 };
    }
    return best;
  }

  /**
   * "Full Name (ACR)" definitions in a text: the long form becomes a name of the union the
   * acronym names (registered), or of a new union called by the acronym when the long form
   * ends like a union's name ("… Teachers' Association (SSTA)").
   */
  learn(text: string, t: readonly Token[]): Map<string, string> {
    const out = new Map<string, string>();
    for (let i = 2; i + 2 < t.length; i++) {
      if (t[i]!.w !== "(" || t[i + 2]!.w !== ")") continue;
      const acr = t[i + 1]!;
      if (acr.kind !== "word" || !acr.upper || acr.w.length < 2 || acr.w.length > 8) continue;
      // The capitalised words before the bracket.
      let k = i - 1;
      while (
        k >= 0 &&
        (t[k]!.cap || (NAME_GLUE.has(t[k]!.w) && k > 0 && t[k - 1]!.cap)) &&
        !t[k]!.nl
      )
        k--;
      let start = k + 1;
      while (start < i && (t[start]!.w === "the" || NAME_GLUE.has(t[start]!.w))) start++;
      if (i - start < 2) continue;
      const words = t.slice(start, i).map((x) => x.w);
      const initials = words
        .filter((w) => !NAME_GLUE.has(w))
        .map((w) => w[0])
        .join("");
      const acrWord = acr.w;
      const registered = this.walk(text, t, i + 1, i + 2, this.root, undefined);
      const unionish = words.some((w) => UNION_HEADS.has(stem(w)));
      if (!registered && !unionish) continue;
      // The long form must be what the acronym abbreviates (its initials start the same).
      if (!initials.startsWith(acrWord[0]!)) continue;
      const union = registered?.union ?? acr.w.toUpperCase();
      // A long form the registry already knows needs no learning.
      const known = this.walk(text, t, start, i, this.root, undefined);
      if (!(known && known.te === i && known.union === union)) out.set(words.join(" "), union);
      if (!registered) out.set(acrWord, union);
    }
    return out;
  }
}
