import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { z } from "zod";
import type { ArticleInput, Extraction } from "./types.ts";

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "published must be YYYY-MM-DD"),
  title: z.string().default(""),
  text: z.string(),
});

/**
 * `strikewatch extract --jsonl`: one article per input line, one result per output line, in
 * order. A bad line gets an error line with its number instead of stopping the batch.
 */
export async function extractJsonLines(
  extract: (a: ArticleInput) => Extraction,
  input: Readable,
  output: Writable,
): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim() === "") continue;
    let parsed: z.infer<typeof lineSchema>;
    try {
      parsed = lineSchema.parse(JSON.parse(line));
    } catch (e) {
      const reason = e instanceof z.ZodError ? e.issues[0]?.message : (e as Error).message;
      output.write(`${JSON.stringify({ line: n, error: `line ${n}: ${reason}` })}\n`);
      continue;
    }
    const { relevant, strikes, stances } = extract(parsed);
    output.write(`${JSON.stringify({ id: parsed.id, relevant, strikes, stances })}\n`);
  }
}

export async function readStream(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of input) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
