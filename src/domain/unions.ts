import { editDistance } from "./edit-distance.ts";
import { DEFAULT_UNIONS, type UnionInfo } from "./union-registry.ts";
import { PhraseIndex, normalizePhrase } from "./phrase-index.ts";

export type { UnionInfo };

/**
 * The unions the bot knows: the built-in registry plus any from UNIONS_FILE (an entry with a
 * known name adds aliases to it; a new name adds a union).
 */
export class Unions {
  private readonly byName = new Map<string, UnionInfo>();
  /** Every spelling, matched without regard to case (commands are typed casually). */
  private readonly anyCase = new PhraseIndex<UnionInfo>();
  /** Spellings that are ordinary English words in lower case ("unite", "community"). */
  private readonly ambiguousLowercase = new Set<string>();

  constructor(extra: readonly UnionInfo[] = []) {
    for (const u of [...DEFAULT_UNIONS, ...extra]) this.register(u);
  }

  private register(u: UnionInfo): void {
    const known = this.byName.get(u.name.toLowerCase());
    const merged: UnionInfo = known
      ? {
          ...known,
          aliases: [...known.aliases, ...u.aliases],
          caseSensitiveAliases: [
            ...(known.caseSensitiveAliases ?? []),
            ...(u.caseSensitiveAliases ?? []),
          ],
          descriptors: [...(known.descriptors ?? []), ...(u.descriptors ?? [])],
        }
      : u;
    this.byName.set(u.name.toLowerCase(), merged);
    for (const spelling of [merged.name, merged.fullName, ...merged.aliases]) {
      this.anyCase.add(spelling, merged);
    }
    for (const spelling of merged.caseSensitiveAliases ?? []) {
      this.anyCase.add(spelling, merged);
      this.ambiguousLowercase.add(normalizePhrase(spelling));
    }
  }

  all(): UnionInfo[] {
    return [...this.byName.values()];
  }

  /** The union a name, acronym or alias refers to, whatever its case. */
  resolve(text: string): UnionInfo | undefined {
    return this.anyCase.get(text);
  }

  byCanonicalName(name: string): UnionInfo | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Longest union name starting at a word, as typed in a command. */
  matchAt(
    words: readonly string[],
    start: number,
  ): { value: UnionInfo; length: number } | undefined {
    return this.anyCase.matchAt(words, start);
  }

  /** Whether a lower-case spelling is also a common English word (only trusted in capitals in prose). */
  isAmbiguousInLowercase(spelling: string): boolean {
    return this.ambiguousLowercase.has(normalizePhrase(spelling));
  }

  /**
   * Unions whose name or an alias is within a small edit distance of `text`: "RNC" → RCN,
   * "Unsion" → Unison. Closest first; at most three.
   */
  suggest(text: string): UnionInfo[] {
    const needle = normalizePhrase(text);
    if (needle.length < 2) return [];
    const scored: { u: UnionInfo; d: number }[] = [];
    for (const key of this.anyCase.keys()) {
      const u = this.anyCase.get(key);
      if (!u) continue;
      const d = editDistance(needle, key);
      const allowed = needle.length <= 4 ? 2 : Math.max(2, Math.floor(needle.length / 4));
      if (d <= allowed) scored.push({ u, d });
    }
    scored.sort((a, b) => a.d - b.d);
    // Only the closest: "RNC" is one swap from RCN, and RCM/RMT two edits away are noise.
    const closest = scored[0]?.d;
    const seen = new Set<string>();
    const out: UnionInfo[] = [];
    for (const { u, d } of scored) {
      if (d !== closest) break;
      if (seen.has(u.name)) continue;
      seen.add(u.name);
      out.push(u);
      if (out.length === 3) break;
    }
    return out;
  }
}

export function describeUnion(u: UnionInfo): string {
  return u.fullName.toLowerCase() === u.name.toLowerCase() ? u.name : `${u.name} (${u.fullName})`;
}
