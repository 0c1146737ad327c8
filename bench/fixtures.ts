import { MONTH_NAMES } from "../src/domain/day-phrases.ts";
import { DEFAULT_UNIONS } from "../src/domain/union-registry.ts";

/** A small deterministic PRNG so every run reads the same articles. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLER = [
  "The dispute is over pay and staffing levels, which members say have fallen behind inflation for a decade.",
  "Ministers said the offer on the table was fair and that talks could continue if the union wished.",
  "Patients have been told to attend appointments unless they are contacted by their hospital.",
  "The employer said contingency plans were in place to keep essential services running.",
  "A spokesperson said the government had been clear that the pay review body process was independent.",
  "Local councillors urged both sides to return to the negotiating table as soon as possible.",
  "Commuters were advised to check before they travel and to expect disruption on the day before and after.",
];
const STRIKE_SENTENCES = [
  (u: string, a: number, b: number, m: string) =>
    `Members of ${u} will strike on ${a} and ${b} ${m}, the union said.`,
  (u: string, a: number, b: number, m: string) =>
    `${u} has announced walkouts from ${a} to ${b} ${m} in a row over pay.`,
  (u: string, a: number, _b: number, m: string) =>
    `${u} members will stage a 48-hour walkout from 7am on ${a} ${m}.`,
  (u: string, a: number, b: number, m: string) =>
    `The strike by ${u} members planned for ${a} and ${b} ${m} has been suspended after talks.`,
  (u: string, a: number, _b: number, m: string) =>
    `${u} said its members had voted to accept the pay offer, calling off the strike on ${a} ${m}.`,
];

/** Strike news of the usual shape: a headline, a dated strike sentence, a stance, filler. */
export function benchArticles(n: number): { title: string; text: string; published: string }[] {
  const rand = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, () => {
    const union = pick(DEFAULT_UNIONS);
    const month = Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 20);
    const published = `2023-${String(month + 1).padStart(2, "0")}-01`;
    const lines = [
      `${union.fullName} announces new action`,
      pick(STRIKE_SENTENCES)(union.name, day, day + 3, MONTH_NAMES[month]!),
      `${union.name} rejected the latest pay offer as inadequate.`,
      ...Array.from({ length: 6 }, () => pick(FILLER)),
    ];
    return { title: lines[0]!, text: lines.join("\n"), published };
  });
}
