import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

/**
 * The main text of an article page (Readability over a linkedom DOM): what a reader sees,
 * without navigation, adverts and related links. Empty when the page has no article.
 */
export function articleText(html: string, url: string): { title: string; text: string } {
  const { document } = parseHTML(html);
  try {
    Object.defineProperty(document, "documentURI", { value: url });
  } catch {
    // Readability only uses it to resolve links; a read-only property is fine.
  }
  const article = new Readability(
    document as unknown as ConstructorParameters<typeof Readability>[0],
    { charThreshold: 200 },
  ).parse();
  const text = (article?.textContent ?? "")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
  return { title: article?.title ?? "", text };
}
