import type { Source, StrikeFact } from "../../src/domain/facts.ts";

export function article(url: string, published: string, title = "A news article"): Source {
  return { kind: "article", url, title, published: new Date(published) };
}

export function user(id: string, posted: string, name = id): Source {
  return { kind: "user", platform: "slack", userId: id, userName: name, posted: new Date(posted) };
}

/** A strike fact with sensible defaults, so each test states only what it is about. */
export function strikeFact(over: Partial<StrikeFact> & Pick<StrikeFact, "source">): StrikeFact {
  return {
    union: "Unite",
    workforce: "ambulance workers",
    sector: "health",
    regions: ["Wales"],
    days: ["2023-01-19", "2023-01-23"],
    status: "planned",
    confidence: 0.9,
    ...over,
  };
}
