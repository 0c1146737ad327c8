// Block Kit (as renderSlack makes it) drawn as HTML in Slack's light theme, for the README's
// previews. It draws only the blocks and elements the bot uses; anything else is shown as such.
import type { SlackBlock } from "../../adapters/slack/render.ts";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Slack mrkdwn to HTML. Slack text arrives with &, < and > already escaped by the bot, so the
 * only raw angle brackets are link markup (<url|label>); formatting is *bold*, ~strike~,
 * _italic_ and `code`.
 */
export function mrkdwnToHtml(text: string): string {
  const parts = text.split(/(<[^<>|]+\|[^<>]+>|<[^<>|]+>)/);
  return parts
    .map((p) => {
      const link = /^<([^<>|]+)(?:\|([^<>]+))?>$/.exec(p);
      if (link) return `<a href="${esc(link[1]!)}">${format(link[2] ?? link[1]!)}</a>`;
      return format(p);
    })
    .join("")
    .replace(/\n/g, "<br>");
}

function format(s: string): string {
  return s
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, "$1<b>$2</b>")
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, "$1<s>$2</s>")
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, "$1<i>$2</i>")
    .replace(/`([^`\n]+)`/g, "<code>$1</code>");
}

type Text = { type: string; text: string };

function element(e: SlackBlock): string {
  if (e.type === "button") {
    const style = e.style === "primary" ? " primary" : e.style === "danger" ? " danger" : "";
    const label = esc((e.text as Text).text);
    return `<span class="button${style}">${label}${e.url ? ' <span class="ext">↗</span>' : ""}</span>`;
  }
  if (e.type === "overflow") return `<span class="overflow" title="Staff menu">⋮</span>`;
  if (e.type === "mrkdwn") return `<span>${mrkdwnToHtml((e as unknown as Text).text)}</span>`;
  if (e.type === "plain_text") return `<span>${esc((e as unknown as Text).text)}</span>`;
  return `<span class="unknown">[${esc(e.type)}]</span>`;
}

function block(b: SlackBlock): string {
  switch (b.type) {
    case "header":
      return `<div class="header">${esc((b.text as Text).text)}</div>`;
    case "section": {
      const accessory = b.accessory ? element(b.accessory as SlackBlock) : "";
      return `<div class="section"><div class="text">${mrkdwnToHtml((b.text as Text).text)}</div>${accessory}</div>`;
    }
    case "context":
      return `<div class="context">${(b.elements as SlackBlock[]).map(element).join('<span class="sep"></span>')}</div>`;
    case "actions":
      return `<div class="actions">${(b.elements as SlackBlock[]).map(element).join("")}</div>`;
    default:
      return `<div class="unknown">[${esc(b.type)} block]</div>`;
  }
}

/** One message from the bot, with its avatar, name and time, as Slack lays it out. */
export function slackMessageHtml(blocks: readonly SlackBlock[], time: string): string {
  return `<div class="message">
  <div class="avatar">sw</div>
  <div class="body">
    <div class="who"><b>strikewatch</b> <span class="app">APP</span> <span class="time">${esc(time)}</span></div>
    ${blocks.map(block).join("\n    ")}
  </div>
</div>`;
}

export const SLACK_CSS = `
body { margin: 0; background: #fff; font: 15px/1.46668 -apple-system, "Segoe UI", "Lato", "DejaVu Sans", sans-serif; color: #1d1c1d; }
.channel { padding: 10px 20px; border-bottom: 1px solid #ddd; font-weight: 700; }
.message { display: flex; gap: 8px; padding: 8px 20px; }
.avatar { flex: none; width: 36px; height: 36px; border-radius: 6px; background: #1d3557; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; font-size: 13px; }
.body { flex: 1; min-width: 0; }
.who .app { font-size: 10px; background: #e8e8e8; color: #616061; border-radius: 2px; padding: 1px 3px; font-weight: 700; vertical-align: 1px; }
.who .time { color: #616061; font-size: 12px; }
.header { font-size: 18px; font-weight: 900; margin: 4px 0 6px; }
.section { display: flex; align-items: flex-start; gap: 8px; margin: 4px 0; }
.section .text { flex: 1; }
.context { color: #616061; font-size: 12.5px; margin: 2px 0 6px; }
.context .sep { display: inline-block; width: 10px; }
a { color: #1264a3; text-decoration: none; }
s { color: #616061; }
code { font-family: monospace; font-size: 12px; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; color: #e01e5a; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }
.button { border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; font-size: 13px; font-weight: 700; background: #fff; }
.button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
.button.danger { background: #e01e5a; border-color: #e01e5a; color: #fff; }
.button .ext { font-weight: 400; }
.overflow { border: 1px solid #bbb; border-radius: 4px; padding: 0 9px; font-weight: 700; }
.unknown { color: #b00; }
`;
