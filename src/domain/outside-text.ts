/**
 * Text from outside (chat users, feeds, articles, query strings) is cleaned once, where it
 * comes in, so nothing inside ever holds a character that misleads or breaks what shows it:
 *
 * - C0 and C1 control characters (NUL, which PostgreSQL refuses in text and which failed the
 *   whole command or feed item; ESC, with the whole terminal escape sequence it starts; and
 *   the rest),
 *   keeping only tab and newline (CR, CRLF and the Unicode line and paragraph separators
 *   become newlines);
 * - bidirectional embeddings, overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069,
 *   U+200E, U+200F, U+061C), with which "gpj.exe" displays as "exe.jpg" and a union name or
 *   date reads backwards;
 * - U+FEFF (byte order mark, zero-width no-break space) anywhere in the text.
 */
const UNWANTED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
/** Terminal escape sequences whole (CSI "ESC [ 31 m", OSC "ESC ] … BEL"), not just their ESC. */
const ESCAPE_SEQUENCES =
  // eslint-disable-next-line no-control-regex
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;

export function cleanOutsideText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(LINE_BREAKS, "\n").replace(UNWANTED, "");
}

/** The same, for every string in a plain object or array (typed slash-command options). */
export function cleanOutsideValues<T>(value: T): T {
  if (typeof value === "string") return cleanOutsideText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => cleanOutsideValues(v)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, cleanOutsideValues(v)]),
    ) as T;
  return value;
}

/**
 * XML text before parsing: XML 1.0 forbids C0 controls other than tab, LF and CR, literally
 * or as character references (`&#0;`), and a parser given one fails the whole feed. Dropping
 * them keeps the rest of the feed readable.
 */
export function cleanXml(xml: string): string {
  return (
    xml
      .replace(ESCAPE_SEQUENCES, "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
      .replace(/&#(?:x0*(?:[0-8bcef]|1[0-9a-f])|0*(?:[0-8]|1[124-9]|2\d|3[01]));/gi, "")
  );
}
