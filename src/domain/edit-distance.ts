import { distance } from "fastest-levenshtein";

/** Levenshtein distance that also counts one swap of neighbouring letters ("RNC"/"RCN") as 1. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d === 2 && a.length === b.length) {
    for (let i = 0; i + 1 < a.length; i++) {
      if (a[i] !== b[i]) {
        const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
        return swapped === b ? 1 : d;
      }
    }
  }
  return d;
}
