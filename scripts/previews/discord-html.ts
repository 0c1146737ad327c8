// Discord messages (as renderDiscord makes them) drawn as HTML in Discord's dark theme, for the
// README's previews: embeds with their colour bar, fields and footer, and button rows.
import type { DiscordMessage } from "../../adapters/discord/render.ts";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The Discord markdown the bot writes, to HTML: backslash escapes (shown as the character, never
 * formatting), **bold**, ~~strike~~, *italic* and [words](url) links. Text is HTML-escaped first.
 */
export function discordToHtml(text: string): string {
  const escapes: string[] = [];
  // Backslash-escaped punctuation is literal: park it so no rule below reads it as markup.
  let s = text.replace(/\\([^0-9A-Za-z\s])/g, (_, c: string) => {
    escapes.push(c);
    return `\u0000${escapes.length - 1}\u0000`;
  });
  s = esc(s)
    .replace(/\[([^\]\n]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*\n]+)\*\*/g, "<b>$1</b>")
    .replace(/~~([^~\n]+)~~/g, "<s>$1</s>")
    .replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, "$1<i>$2</i>")
    .replace(/\n/g, "<br>");
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => esc(escapes[Number(i)]!));
}

const hex = (n: number | undefined) => `#${(n ?? 0x1d3557).toString(16).padStart(6, "0")}`;

function embedHtml(e: DiscordMessage["embeds"][number]): string {
  const fields = (e.fields ?? [])
    .map(
      (f) =>
        `<div class="field"><div class="fname">${discordToHtml(f.name)}</div><div class="fvalue">${discordToHtml(f.value)}</div></div>`,
    )
    .join("");
  return `<div class="embed" style="border-left-color:${hex(e.color)}">
      ${e.title ? `<div class="etitle">${discordToHtml(e.title)}</div>` : ""}
      ${e.description ? `<div class="edesc">${discordToHtml(e.description)}</div>` : ""}
      ${fields}
      ${e.footer ? `<div class="efooter">${esc(e.footer.text)}</div>` : ""}
    </div>`;
}

const STYLES: Record<number, string> = {
  1: "primary",
  2: "secondary",
  3: "success",
  4: "danger",
  5: "link",
};

/** One message from the bot, with its name, BOT tag and time, as Discord lays it out. */
export function discordMessageHtml(m: DiscordMessage, time: string): string {
  const rows = (m.components ?? [])
    .map(
      (r) =>
        `<div class="row">${r.components
          .map(
            (b) =>
              `<span class="btn ${STYLES[b.style]}">${esc(b.label)}${b.style === 5 ? ' <span class="ext">↗</span>' : ""}</span>`,
          )
          .join("")}</div>`,
    )
    .join("");
  return `<div class="message">
  <div class="avatar">sw</div>
  <div class="body">
    <div class="who"><b>strikewatch</b> <span class="bot">APP</span> <span class="time">${esc(time)}</span></div>
    ${m.embeds.map(embedHtml).join("")}
    ${rows}
  </div>
</div>`;
}

export const DISCORD_CSS = `
body { margin: 0; background: #313338; color: #dbdee1; font: 15px/1.375 "gg sans", "Noto Sans", "DejaVu Sans", sans-serif; }
.channel { padding: 10px 16px; border-bottom: 1px solid #26282c; font-weight: 600; color: #f2f3f5; }
.message { display: flex; gap: 16px; padding: 8px 16px; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 50%; background: #1d3557; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; font-size: 13px; }
.body { flex: 1; min-width: 0; }
.who b { color: #f2f3f5; font-weight: 500; }
.who .bot { font-size: 10px; background: #5865f2; color: #fff; border-radius: 3px; padding: 1px 4px; vertical-align: 1px; }
.who .time { color: #949ba4; font-size: 12px; }
.embed { background: #2b2d31; border-left: 4px solid; border-radius: 4px; padding: 8px 16px 12px 12px; margin-top: 4px; max-width: 620px; font-size: 14px; }
.etitle { font-weight: 600; color: #f2f3f5; margin: 4px 0; }
.edesc { margin-top: 6px; }
.field { margin-top: 8px; }
.fname { font-weight: 600; color: #f2f3f5; }
.efooter { margin-top: 8px; font-size: 12px; color: #b5bac1; }
a { color: #00a8fc; text-decoration: none; }
s { color: #b5bac1; }
.row { display: flex; gap: 8px; margin-top: 8px; }
.btn { border-radius: 3px; padding: 2px 16px; font-size: 14px; font-weight: 500; line-height: 28px; color: #fff; }
.btn.secondary, .btn.link { background: #4e5058; }
.btn.primary { background: #5865f2; }
.btn.success { background: #248046; }
.btn.danger { background: #da373c; }
.btn .ext { font-size: 12px; }
`;
