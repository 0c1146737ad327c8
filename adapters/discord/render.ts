import type { Reply, ReplyAction, ReplyRow, ReplySource } from "../../src/reply.ts";
import { honestLabel, linkableUrl } from "../../src/render/link-label.ts";
import { listLine, runsText, type Markup } from "../../src/render/row-text.ts";

/** Discord's message limits (discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedChars: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  title: 256,
  description: 4096,
  footer: 2048,
  /** Action rows a message holds, and buttons a row holds (25 components in all). */
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  url: 512,
  /** Interaction follow-ups we send at most; past this the last message says "+N more". */
  maxMessages: 5,
  /** A source's label is cut here, like Slack's. */
  sourceLabel: 150,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export type DiscordButton =
  | { type: 2; style: 1 | 2 | 3 | 4; label: string; custom_id: string }
  | { type: 2; style: 5; label: string; url: string };

export interface DiscordButtonRow {
  type: 1;
  components: DiscordButton[];
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components?: DiscordButtonRow[];
  ephemeral: boolean;
  /** Nothing we send pings anyone, whatever the text says. */
  allowed_mentions: { parse: [] };
}

/** Custom ids: what a click means, then the command line it runs. */
export const CUSTOM_ID = { command: "sw:", sources: "sws:" } as const;

const BRAND = 0x1d3557;
const ERROR = 0xc1121f;
/** Discord wants a field name; this one shows as nothing. */
const BLANK = "\u200b";

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/**
 * Feed and user text shown as text: no markdown that could disguise it. Masked links
 * (`[Official notice](https://evil.example)`), mentions and timestamps (`<@1>`, `<t:1>`),
 * code, spoilers and emphasis are escaped inline; headings, quotes, subtext and lists at the
 * start of a line too. Backslash-escaped punctuation renders as itself in Discord.
 */
export function escapeDiscord(text: string): string {
  return text
    .replace(/[\\*_~`|[\]<>]/g, "\\$&")
    .replace(/^(\s*)(#{1,3}\s|-#\s|[-+]\s|\d+[.)]\s)/gm, "$1\\$2")
    .replace(/@(everyone|here)/gi, "@\u200b$1");
}

const DISCORD: Markup = {
  text: escapeDiscord,
  strong: (s) => `**${s}**`,
  struck: (s) => `~~${s}~~`,
};

function link(source: ReplySource): string {
  const label = clip(source.label, DISCORD_LIMITS.sourceLabel);
  const url = linkableUrl(source.url, DISCORD_LIMITS.url);
  if (!url) return escapeDiscord(label);
  return `[${escapeDiscord(honestLabel(label, url))}](${url})`;
}

function rowLine(row: ReplyRow, layout: string | undefined): string {
  if (layout === "sources") return `• ${row.source ? link(row.source) : ""}`;
  const source = row.source ? ` — ${link(row.source)}` : "";
  if (layout === "list") return `${listLine(row, DISCORD)}${source}`;
  const cells = row.cells.filter(Boolean).map(escapeDiscord);
  if (row.days?.length) cells.push(runsText(row.days, DISCORD));
  const [first, ...rest] = cells;
  // The first cell leads the rest ("**#3** RMT…"); a line on its own is just text.
  if (rest.length === 0) return `${first ?? ""}${source}`;
  return `**${first}** ${rest.join(" · ")}${source}`;
}

const size = (e: DiscordEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** What goes into embeds, in order: free text (a description) or a named field. */
type Piece = { kind: "text"; text: string } | { kind: "field"; name: string; value: string };

/** One page's worth of rows: a section's rows and the buttons that belong to them. */
interface Page {
  pieces: Piece[];
  rows: DiscordButtonRow[];
}

function buttonOf(a: ReplyAction): DiscordButton | undefined {
  // Discord has no confirmation step for a button, and an edit needs a form: those stay on
  // the platforms that have them (and the typed command).
  if (a.confirm || a.prefill) return undefined;
  const prefix = a.view === "sources" ? CUSTOM_ID.sources : CUSTOM_ID.command;
  const custom_id = `${prefix}${a.command}`;
  if (custom_id.length > DISCORD_LIMITS.customId) return undefined;
  return {
    type: 2,
    style: a.style === "danger" ? 4 : a.style === "primary" ? 3 : 2,
    label: clip(a.label, DISCORD_LIMITS.buttonLabel),
    custom_id,
  };
}

/** The answer's own buttons: calendar and page links (link buttons), Subscribe, Sources. */
function actionBar(reply: Reply): DiscordButtonRow | undefined {
  const links = [...(reply.links ?? [])].sort(
    (a, b) => Number(b.kind === "calendar") - Number(a.kind === "calendar"),
  );
  const buttons: DiscordButton[] = [];
  for (const l of links) {
    const url = linkableUrl(l.url, DISCORD_LIMITS.url);
    if (url) buttons.push({ type: 2, style: 5, label: clip(l.label, 80), url });
  }
  for (const a of reply.actions ?? []) {
    const b = buttonOf(a);
    if (b) buttons.push(b);
  }
  const kept = unique(buttons).slice(0, DISCORD_LIMITS.buttonsPerRow);
  return kept.length ? { type: 1, components: kept } : undefined;
}

/** Discord refuses two components with one custom id in a message. */
function unique(buttons: DiscordButton[]): DiscordButton[] {
  const seen = new Set<string>();
  return buttons.filter((b) => {
    const id = "custom_id" in b ? b.custom_id : `url:${b.url}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * Sections as pages of pieces. Rows with buttons get one action row each, and a page holds
 * at most five action rows (Discord's 25-component cap), so a long review goes out in pages.
 */
function pagesOf(reply: Reply, reserveRows: number): Page[] {
  const pages: Page[] = [{ pieces: [], rows: [] }];
  const maxRows = DISCORD_LIMITS.actionRows - reserveRows;
  for (const s of reply.sections ?? []) {
    const name = clip(escapeDiscord(s.heading), DISCORD_LIMITS.fieldName);
    let value = "";
    let continued = false;
    const flush = () => {
      if (!value) return;
      const page = pages.at(-1)!;
      if (!s.heading) page.pieces.push({ kind: "text", text: value });
      else page.pieces.push({ kind: "field", name: continued ? `${name} (cont.)` : name, value });
      continued = true;
      value = "";
    };
    const max = s.heading ? DISCORD_LIMITS.fieldValue : 3500;
    for (const row of s.rows) {
      const line = clip(rowLine(row, s.layout), max);
      const buttons = unique(
        (row.actions ?? []).map(buttonOf).filter((b): b is DiscordButton => b !== undefined),
      ).slice(0, DISCORD_LIMITS.buttonsPerRow);
      if (buttons.length && pages.at(-1)!.rows.length >= maxRows) {
        flush();
        pages.push({ pieces: [], rows: [] });
      }
      if (value && value.length + line.length + 1 > max) flush();
      value += `${value ? "\n" : ""}${line}`;
      if (buttons.length) pages.at(-1)!.rows.push({ type: 1, components: buttons });
    }
    if (!value && !continued && s.heading) value = "—";
    flush();
  }
  return pages;
}

/** A page's pieces as embeds: free text as a description, fields up to 25 an embed. */
function embedsOf(pieces: Piece[], color: number, head: DiscordEmbed): DiscordEmbed[] {
  const embeds: DiscordEmbed[] = [];
  let current: DiscordEmbed = { color, ...head, fields: [] };
  const used = (e: DiscordEmbed) => Boolean(e.title || e.description || e.fields!.length);
  for (const p of pieces) {
    if (p.kind === "text") {
      // A list goes under the title, in the same embed, unless that already holds text.
      if (current.description || current.fields!.length) {
        embeds.push(current);
        current = { color, fields: [] };
      }
      current.description = p.text;
      continue;
    }
    if (
      current.fields!.length >= DISCORD_LIMITS.fields ||
      size(current) + p.name.length + p.value.length > 3900
    ) {
      embeds.push(current);
      current = { color, fields: [] };
    }
    current.fields!.push({ name: p.name || BLANK, value: p.value });
  }
  embeds.push(current);
  for (const e of embeds) if (e.fields!.length === 0) delete e.fields;
  return embeds.filter((e) => used({ fields: [], ...e }) || e.footer);
}

/** Embeds into messages: at most 10 embeds and 6,000 characters each. */
function messagesOf(embeds: DiscordEmbed[]): DiscordEmbed[][] {
  const messages: DiscordEmbed[][] = [[]];
  for (const e of embeds) {
    const page = messages.at(-1)!;
    if (
      page.length >= DISCORD_LIMITS.embedsPerMessage ||
      page.reduce((n, x) => n + size(x), 0) + size(e) > DISCORD_LIMITS.embedChars
    ) {
      messages.push([e]);
    } else page.push(e);
  }
  return messages;
}

/**
 * A neutral reply as Discord messages: embeds (a list as the description, a day or a week as a
 * field, sources as links), split as Discord's limits need; buttons under the rows they act on
 * and the answer's links and buttons under the last message.
 */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const title = reply.title ? clip(escapeDiscord(reply.title), DISCORD_LIMITS.title) : undefined;
  const description = reply.text
    ? clip(escapeDiscord(reply.error ? `⚠️ ${reply.text}` : reply.text), DISCORD_LIMITS.description)
    : undefined;
  const footerText = [reply.error?.hint, reply.footer].filter(Boolean).join("\n");
  const color = reply.error ? ERROR : BRAND;
  const bar = actionBar(reply);

  const messages: { embeds: DiscordEmbed[]; rows: DiscordButtonRow[] }[] = [];
  const pages = pagesOf(reply, bar ? 1 : 0);
  pages.forEach((page, i) => {
    const head: DiscordEmbed =
      i === 0 ? { ...(title ? { title } : {}), ...(description ? { description } : {}) } : {};
    const groups = messagesOf(embedsOf(page.pieces, color, head));
    groups.forEach((embeds, j) =>
      messages.push({ embeds, rows: j === groups.length - 1 ? page.rows : [] }),
    );
  });
  if (footerText) {
    const last = messages.at(-1)!.embeds;
    if (last.length === 0) last.push({ color });
    last.at(-1)!.footer = { text: clip(escapeDiscord(footerText), DISCORD_LIMITS.footer) };
  }

  let kept = messages;
  if (messages.length > DISCORD_LIMITS.maxMessages) {
    kept = messages.slice(0, DISCORD_LIMITS.maxMessages);
    const droppedRows = messages
      .slice(DISCORD_LIMITS.maxMessages)
      .flatMap((m) => m.embeds)
      .reduce(
        (n, e) =>
          n +
          (e.description?.split("\n").length ?? 0) +
          (e.fields ?? []).reduce((k, f) => k + f.value.split("\n").length, 0),
        0,
      );
    const last = kept.at(-1)!.embeds;
    if (last.length === 0) last.push({ color });
    last.at(-1)!.footer = {
      text: clip(
        `+${droppedRows} more not shown. Narrow the question with a union, region, sector or dates.`,
        DISCORD_LIMITS.footer,
      ),
    };
  }
  if (bar) kept.at(-1)!.rows.push(bar);

  return kept.map((m) => ({
    embeds: m.embeds.length ? m.embeds : [{ color, description: BLANK }],
    ephemeral: reply.ephemeral,
    allowed_mentions: { parse: [] },
    ...(m.rows.length ? { components: m.rows } : {}),
  }));
}
