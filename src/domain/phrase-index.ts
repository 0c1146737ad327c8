/**
 * Finds the longest known phrase at a position in a list of words ("Royal College of Nursing",
 * "Northern Ireland", "junior doctors"). Used by every parser of names so that multi-word names
 * win over their first word.
 */
export class PhraseIndex<T> {
  private readonly entries = new Map<string, T>();
  private longest = 1;

  add(phrase: string, value: T): this {
    const key = normalizePhrase(phrase);
    if (key === "") return this;
    if (!this.entries.has(key)) this.entries.set(key, value);
    this.longest = Math.max(this.longest, key.split(" ").length);
    return this;
  }

  get(phrase: string): T | undefined {
    return this.entries.get(normalizePhrase(phrase));
  }

  /** The longest phrase starting at `words[start]`, and how many words it spans. */
  matchAt(words: readonly string[], start: number): { value: T; length: number } | undefined {
    const max = Math.min(this.longest, words.length - start);
    for (let n = max; n >= 1; n--) {
      const value = this.entries.get(normalizePhrase(words.slice(start, start + n).join(" ")));
      if (value !== undefined) return { value, length: n };
    }
    return undefined;
  }

  /**
   * Every known phrase in a list of words, longest first at each position, not overlapping.
   * Normalises each word once, so a whole sentence costs one pass.
   */
  scan(words: readonly string[]): { value: T; start: number; length: number }[] {
    return this.scanNormalized(words.map(normalizePhrase));
  }

  /** As `scan`, for words already passed through normalizePhrase (several indexes, one pass). */
  scanNormalized(norm: readonly string[]): { value: T; start: number; length: number }[] {
    const out: { value: T; start: number; length: number }[] = [];
    for (let i = 0; i < norm.length;) {
      let hit: { value: T; start: number; length: number } | undefined;
      const parts: string[] = [];
      for (let n = 1; n <= this.longest && i + n <= norm.length; n++) {
        parts.push(norm[i + n - 1]!);
        const value = this.entries.get(parts.join(" "));
        if (value !== undefined) hit = { value, start: i, length: n };
      }
      if (hit) {
        out.push(hit);
        i += hit.length;
      } else i++;
    }
    return out;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }
}

/** Lower-case, straight apostrophes, single spaces, no surrounding punctuation. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[.,;:!?()"[\]]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Words of a command or sentence, keeping apostrophes and hyphens inside words. */
export function splitWords(text: string): string[] {
  return text
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .split(/[\s,;:!?()"[\]]+/)
    .map((w) => w.replace(/^[.']+|[.']+$/g, ""))
    .filter((w) => w.length > 0);
}
