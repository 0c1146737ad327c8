/** One figure of a benchmark; `--json` prints each as a line, as DESIGN.md specifies. */
export interface Figure {
  name: string;
  value: number;
  unit: "ms" | "ratio" | "per_s" | "count" | "MB";
  [detail: string]: unknown;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Times `fn` `n` times after `warmup` untimed runs; returns the sorted durations in ms. */
export async function timeRuns(fn: () => unknown, n: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

export const round = (x: number, digits = 3) => Number(x.toFixed(digits));

export function print(figures: readonly Figure[], json: boolean): void {
  for (const f of figures) {
    if (json) process.stdout.write(`${JSON.stringify(f)}\n`);
    else {
      const { name, value, unit, ...detail } = f;
      const extra = Object.keys(detail).length ? `  ${JSON.stringify(detail)}` : "";
      process.stdout.write(`${name.padEnd(44)} ${String(value).padStart(10)} ${unit}${extra}\n`);
    }
  }
}
