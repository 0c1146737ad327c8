import { createHash } from "node:crypto";
import Parser from "rss-parser";
import { cleanOutsideText, cleanXml } from "../domain/outside-text.ts";

export interface FeedItem {
  /** Stable identity: guid (Atom id), else link, else a hash of title and date. */
  key: string;
  title: string;
  link: string | null;
  published: Date | null;
  /** Summary or content as plain text. */
  text: string;
  /** Changes when a re-published item's text changes. */
  contentHash: string;
}

export interface ParsedFeed {
  title: string | null;
  ttlMinutes: number | null;
  items: FeedItem[];
}

export class FeedFormatError extends Error {}

// A parser per document: rss-parser keeps one xml2js parser per instance, and xml2js carries
// state from a failed parse into the next one, so a shared instance let one malformed feed
// ("<!DOCTYPE <item>") make a later parse never settle, or fail with another feed's error.
// Construction costs about 30 µs.
const newParser = () => new Parser({ timeout: 0 });

const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

/** HTML to text for summaries: tags dropped, entities and whitespace tidied. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

/**
 * A field as text. rss-parser hands over whatever the XML held: usually a string, but an
 * element with attributes is an object (`{_: text, $: attributes}`) and one with child elements
 * may be an object with no text at all; a feed must not be able to crash us with either.
 */
function asText(value: unknown): string {
  if (typeof value === "string") return cleanOutsideText(value);
  if (typeof value === "number") return String(value);
  if (value && typeof value === "object" && "_" in value) return asText(value._);
  return "";
}

/**
 * Parses RSS 2.0, Atom or RDF with rss-parser. What is not a feed is refused with a reason a
 * person can act on ("looks like an HTML page"), and a document declaring its own XML entities
 * is refused outright: that is how entity-expansion bombs are built, and feeds do not need it.
 */
export async function parseFeed(raw: string): Promise<ParsedFeed> {
  const xml = cleanXml(raw);
  const head = xml.slice(0, 2000);
  if (xml.trim() === "") throw new FeedFormatError("empty response");
  // The whole document: padding (a long comment) can push a DOCTYPE past any prefix we check.
  if (/<!ENTITY/i.test(xml)) throw new FeedFormatError("declares XML entities (refused)");
  if (/^\s*(?:<!doctype html|<html)/i.test(head))
    throw new FeedFormatError("not a feed: looks like an HTML page");
  let feed: Awaited<ReturnType<Parser["parseString"]>>;
  try {
    feed = await newParser().parseString(xml);
  } catch (e) {
    throw new FeedFormatError(
      `not a valid RSS or Atom feed (${(e as Error).message.split("\n")[0]})`,
    );
  }
  const ttl = Number(asText((feed as { ttl?: unknown }).ttl));
  return {
    title: asText(feed.title) || null,
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: (feed.items ?? []).map((it) => {
      const raw = it as Record<string, unknown>;
      const title = htmlToText(asText(raw.title));
      const html = asText(raw["content:encoded"]) || asText(raw.content) || asText(raw.summary);
      const text = htmlToText(html) || asText(raw.contentSnippet);
      const date = asText(raw.isoDate) || asText(raw.pubDate);
      const published = date && !Number.isNaN(Date.parse(date)) ? new Date(date) : null;
      const link = asText(raw.link).trim() || null;
      const key =
        asText(raw.guid).trim() ||
        asText(raw.id).trim() ||
        link ||
        `hash:${sha1(`${title}|${date}`)}`;
      return { key, title, link, published, text, contentHash: sha1(`${title}\n${text}`) };
    }),
  };
}
