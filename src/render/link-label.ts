/**
 * A link's text must not name another address than the one it opens: a feed item titled
 * "www.bbc.co.uk" linking to evil.example would be a disguised link. When the text names a
 * host that is not the link's, the real host is added beside it.
 */
export function honestLabel(label: string, url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return label;
  }
  const named = label.toLowerCase().match(/\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/g) ?? [];
  const foreign = named
    .map((n) => n.replace(/^www\./, ""))
    .some((n) => !(host === n || host.endsWith(`.${n}`) || n.endsWith(`.${host}`)));
  return foreign ? `${label} (${host})` : label;
}

/**
 * A web address fit to put in chat markup, or undefined: only http(s) is linked (`file:`,
 * `javascript:` are shown as text), and the characters that end a link in Slack or Discord
 * markup (`|`, `(`, `)`, `[`, `]`) are percent-encoded, which leaves the address the same.
 */
export function linkableUrl(url: string | null | undefined, maxLength: number): string | undefined {
  if (!url || !/^https?:\/\/[^\s<>"]+$/i.test(url)) return undefined;
  const safe = url.replace(/[|()[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return safe.length <= maxLength ? safe : undefined;
}
