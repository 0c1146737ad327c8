/**
 * Splits an article into sentences, remembering the paragraph (line) each came from and
 * whether a line introduces a list ("Here are the dates of the strikes:").
 */
export interface Sentence {
  index: number;
  text: string;
  paragraph: number;
  /** The line ends with a colon: what follows is a list of its items. */
  introducesList: boolean;
  /** The line is short and starts with a bullet or a date: an item of a list. */
  listItemCandidate: boolean;
  isTitle: boolean;
}

// No split after titles and common abbreviations ("Ms Morgan", "Dr. Rob", "No. 10").
const ABBREVIATIONS =
  /\b(?:Mr|Mrs|Ms|Dr|St|No|Prof|Sgt|Gen|Rev|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx)\.$/;
const BULLET = /^\s*(?:[•*·▪‣◦-]|\d+\.)\s+/;

function splitLine(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["'”’)]*\s+(?=["'“‘(]?[A-Z0-9£])/g;
  for (const m of line.matchAll(re)) {
    const end = m.index + m[0].length;
    const candidate = line.slice(start, end).trim();
    if (ABBREVIATIONS.test(line.slice(start, m.index + 1).trim())) continue;
    if (candidate) out.push(candidate);
    start = end;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

export function splitSentences(title: string, text: string): Sentence[] {
  const sentences: Sentence[] = [];
  const lines = text.split(/\r?\n/);
  const cleanTitle = title.replace(/^untitled:\s*/i, "").trim();
  const firstLine = lines.find((l) => l.trim() !== "")?.trim() ?? "";
  // Most articles repeat their headline as the first line; a separate one still carries facts.
  if (cleanTitle && !/^untitled:/i.test(title) && firstLine !== cleanTitle) {
    sentences.push({
      index: 0,
      text: cleanTitle,
      paragraph: -1,
      introducesList: false,
      listItemCandidate: false,
      isTitle: true,
    });
  }
  let paragraph = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === "") continue;
    paragraph++;
    const introducesList = /:\s*$/.test(line);
    const listItemCandidate =
      line.length < 200 &&
      (BULLET.test(line) ||
        /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:and\s+\d{1,2}\s+)?[A-Z][a-z]+\b/.test(
          line,
        ) ||
        /^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d/.test(
          line,
        ) ||
        /^(?:Today|Tomorrow|Yesterday)\b/i.test(line.replace(BULLET, "")));
    const parts = introducesList || listItemCandidate ? [line] : splitLine(line);
    for (const part of parts) {
      sentences.push({
        index: sentences.length,
        text: part.replace(BULLET, ""),
        paragraph,
        introducesList,
        listItemCandidate,
        isTitle: false,
      });
    }
  }
  return sentences;
}
