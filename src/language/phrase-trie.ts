import type { Token } from "./tokens.ts";
import { tokenize } from "./tokens.ts";

/**
 * Known phrases ("junior doctors", "North East", "Yorkshire and the Humber") as a trie over
 * token words, so finding every phrase in a sentence is one walk from each token: no strings
 * are built per position.
 */
interface Node<T> {
  next: Map<string, Node<T>>;
  value?: T;
}

export class PhraseTrie<T> {
  private readonly root: Node<T> = { next: new Map() };

  add(phrase: string, value: T): this {
    let node = this.root;
    for (const t of tokenize(phrase)) {
      if (t.kind === "punct" && t.w !== "&" && t.w !== "-") continue;
      let n = node.next.get(t.w);
      if (!n) {
        n = { next: new Map() };
        node.next.set(t.w, n);
      }
      node = n;
    }
    if (node !== this.root && node.value === undefined) node.value = value;
    return this;
  }

  /** The longest phrase starting at token i (within `[i, to)`), and where it ends. */
  matchAt(t: readonly Token[], i: number, to: number): { value: T; te: number } | undefined {
    let node: Node<T> | undefined = this.root;
    let best: { value: T; te: number } | undefined;
    for (let k = i; k < to && node; k++) {
      const tk = t[k]!;
      if (tk.kind === "punct" && tk.w !== "&" && tk.w !== "-") break;
      node = node.next.get(tk.w);
      if (node?.value !== undefined) best = { value: node.value, te: k + 1 };
    }
    return best;
  }

  /** Every phrase in tokens `[from, to)`, longest first at each token, not overlapping. */
  scan(t: readonly Token[], from: number, to: number): { value: T; ts: number; te: number }[] {
    const out: { value: T; ts: number; te: number }[] = [];
    for (let i = from; i < to; i++) {
      if (!this.root.next.has(t[i]!.w)) continue;
      const hit = this.matchAt(t, i, to);
      if (hit) {
        out.push({ value: hit.value, ts: i, te: hit.te });
        i = hit.te - 1;
      }
    }
    return out;
  }
}
