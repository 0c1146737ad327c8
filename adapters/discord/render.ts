import { escapeMarkdown } from "discord.js";
import type { Reply, ReplyRow } from "../../src/reply.ts";

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
  /** Interaction follow-ups we send at most; past this the last message says "+N more". */
  maxMessages: 5,
} as const;

export interface DiscordEmbed {
  title?: string;
  description?: string;
  color?: number;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
}

export interface DiscordButtonRow {
  type: 1;
  components: { type: 2; style: 1 | 2 | 3 | 4; label: string; custom_id: string }[];
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components?: DiscordButtonRow[];
  ephemeral: boolean;
  /** Nothing we send pings anyone, whatever the text says. */
  allowed_mentions: { parse: [] };
}

const BRAND = 0x1d3557;
const ERROR = 0xc1121f;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);
/** Feed and user text shown as text: no markdown tricks, no masked links. */
const safe = (s: string) => escapeMarkdown(s).replace(/@(everyone|here)/g, "@\u200b$1");

function link(url: string | null | undefined, label: string): string {
  if (url && /^https?:\/\/[^\s()<>]+$/i.test(url))
    return `[${safe(label).replace(/[[\]]/g, "")}](${url})`;
  return safe(label);
}

function rowLine(row: ReplyRow): string {
  const [first, ...rest] = row.cells.filter(Boolean).map(safe);
  const source = row.source ? ` — ${link(row.source.url, row.source.label)}` : "";
  return `${first ? `**${first}**` : ""}${rest.length ? ` ${rest.join(" · ")}` : ""}${source}`;
}

const size = (e: DiscordEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * A neutral reply as Discord messages: one embed field per day (sources as links), split into
 * as many embeds and messages as Discord's limits need; buttons for row actions.
 */
export function renderDiscord(reply: Reply): DiscordMessage[] {
  const fields: { name: string; value: string }[] = [];
  for (const s of reply.sections ?? []) {
    const name = clip(safe(s.heading), DISCORD_LIMITS.fieldName);
    let value = "";
    for (const row of s.rows) {
      const line = clip(rowLine(row), DISCORD_LIMITS.fieldValue);
      if (value && value.length + line.length + 1 > DISCORD_LIMITS.fieldValue) {
        fields.push({
          name: fields.at(-1)?.name === name || value ? `${name} (cont.)` : name,
          value,
        });
        value = "";
      }
      value += `${value ? "\n" : ""}${line}`;
    }
    fields.push({
      name: fields.some((f) => f.name === name) ? `${name} (cont.)` : name,
      value: value || "—",
    });
  }

  const title = reply.title ? clip(safe(reply.title), DISCORD_LIMITS.title) : undefined;
  const description = reply.text
    ? clip(safe(reply.error ? `⚠️ ${reply.text}` : reply.text), DISCORD_LIMITS.description)
    : undefined;
  const footerText = [reply.error?.hint, reply.footer].filter(Boolean).join("\n");
  const footer = footerText ? { text: clip(footerText, DISCORD_LIMITS.footer) } : undefined;
  const color = reply.error ? ERROR : BRAND;

  const embeds: DiscordEmbed[] = [];
  let current: DiscordEmbed = {
    color,
    ...(title ? { title } : {}),
    ...(description ? { description } : {}),
    fields: [],
  };
  for (const f of fields) {
    if (
      current.fields!.length >= DISCORD_LIMITS.fields ||
      size(current) + f.name.length + f.value.length > 3900
    ) {
      embeds.push(current);
      current = { color, fields: [] };
    }
    current.fields!.push(f);
  }
  embeds.push(current);
  if (footer) embeds.at(-1)!.footer = footer;
  for (const e of embeds) if (e.fields!.length === 0) delete e.fields;

  // Group embeds into messages: at most 10 embeds and 6,000 characters each.
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
  let kept = messages;
  if (messages.length > DISCORD_LIMITS.maxMessages) {
    kept = messages.slice(0, DISCORD_LIMITS.maxMessages);
    const droppedRows = messages
      .slice(DISCORD_LIMITS.maxMessages)
      .flat()
      .flatMap((e) => e.fields ?? [])
      .reduce((n, f) => n + f.value.split("\n").length, 0);
    const last = kept.at(-1)!.at(-1)!;
    last.footer = {
      text: clip(
        `+${droppedRows} more not shown. Narrow the question with a union, region, sector or dates.`,
        DISCORD_LIMITS.footer,
      ),
    };
  }

  const buttons = (reply.sections ?? [])
    .flatMap((s) => s.rows)
    .flatMap((r) => r.actions ?? [])
    .filter((a) => `sw:${a.command}`.length <= 100)
    .slice(0, 25);
  const components: DiscordButtonRow[] = [];
  for (let i = 0; i < buttons.length; i += 5) {
    components.push({
      type: 1,
      components: buttons.slice(i, i + 5).map((a) => ({
        type: 2,
        style: a.style === "danger" ? 4 : a.style === "primary" ? 3 : 2,
        label: clip(a.label, 80),
        custom_id: `sw:${a.command}`,
      })),
    });
  }

  return kept.map((page, i) => ({
    embeds: page,
    ephemeral: reply.ephemeral,
    allowed_mentions: { parse: [] },
    ...(i === kept.length - 1 && components.length ? { components: components.slice(0, 5) } : {}),
  }));
}
