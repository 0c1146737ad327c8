import type { Reply, ReplyRow } from "../../src/reply.ts";

/** Block Kit limits (api.slack.com/reference/block-kit): we stay inside them with room to spare. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  /** Slack rejects messages whose blocks carry much more than ~12,000 characters. */
  charsPerMessage: 11_000,
  /** response_url accepts five messages: longer answers end with "+N more". */
  maxPages: 5,
} as const;

export interface SlackBlock {
  type: string;
  [key: string]: unknown;
}

export interface SlackMessage {
  /** Plain-text fallback for notifications and screen readers. */
  text: string;
  blocks: SlackBlock[];
  response_type: "in_channel" | "ephemeral";
}

/**
 * Slack treats &, < and > as control characters: "<!channel>" pings everyone, "<@U1>" a person,
 * "<http://x|y>" is a disguised link. Escaping them makes any feed or user text inert.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function link(url: string | null | undefined, label: string): string {
  if (url && /^https?:\/\/[^\s<>|]+$/i.test(url))
    return `<${url}|${escapeSlack(label).replace(/\|/g, "¦")}>`;
  return escapeSlack(label);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function rowLine(row: ReplyRow): string {
  const [first, ...rest] = row.cells.filter(Boolean).map(escapeSlack);
  return `• ${first ? `*${first}*` : ""}${rest.length ? `  ${rest.join(" · ")}` : ""}`;
}

/** Turns a neutral reply into one or more Block Kit messages, each within Slack's limits. */
export function renderSlack(reply: Reply): SlackMessage[] {
  const response_type = reply.ephemeral ? "ephemeral" : "in_channel";
  const units: SlackBlock[][] = [];
  if (reply.text)
    units.push([section(escapeSlack(reply.error ? `:warning: ${reply.text}` : reply.text))]);
  if (reply.error?.hint)
    units.push([{ type: "context", elements: [mrkdwn(escapeSlack(reply.error.hint))] }]);
  for (const s of reply.sections ?? []) {
    const heading = `*${escapeSlack(s.heading)}*`;
    let body = heading;
    const sources: string[] = [];
    const buttons: SlackBlock[] = [];
    const flush = (last: boolean) => {
      const unit: SlackBlock[] = [section(body)];
      if (sources.length) unit.push(context(sources.splice(0)));
      if (last) unit.push(...buttons.splice(0));
      units.push(unit);
      body = `${heading} (continued)`;
    };
    for (const row of s.rows) {
      const line = rowLine(row);
      if (body.length + line.length + 1 > SLACK_LIMITS.sectionText - 100) flush(false);
      body += `\n${line}`;
      if (row.source) {
        const src = link(row.source.url, row.source.label);
        if (!sources.includes(src)) sources.push(src);
      }
      if (row.actions?.length) {
        buttons.push({
          type: "actions",
          elements: row.actions.slice(0, 5).map((a, i) => ({
            type: "button",
            action_id: `strikewatch_command_${i}`,
            text: { type: "plain_text", text: truncate(a.label, 75) },
            value: a.command.slice(0, 2000),
            ...(a.style ? { style: a.style } : {}),
          })),
        });
      }
    }
    flush(true);
  }
  if (reply.footer)
    units.push([{ type: "context", elements: [mrkdwn(escapeSlack(reply.footer))] }]);
  if (reply.links?.length) units.push([context(reply.links.map((l) => link(l.url, l.label)))]);

  const title = reply.title ? truncate(reply.title, SLACK_LIMITS.headerText) : undefined;
  const pages: SlackBlock[][] = [];
  let page: SlackBlock[] = title
    ? [{ type: "header", text: { type: "plain_text", text: title, emoji: false } }]
    : [];
  let chars = title?.length ?? 0;
  const size = (unit: SlackBlock[]) => JSON.stringify(unit).length;
  for (const unit of units) {
    const n = size(unit);
    if (
      page.length > 0 &&
      (page.length + unit.length > SLACK_LIMITS.blocksPerMessage - 1 ||
        chars + n > SLACK_LIMITS.charsPerMessage)
    ) {
      pages.push(page);
      page = [];
      chars = 0;
    }
    page.push(...unit);
    chars += n;
  }
  if (page.length) pages.push(page);

  let kept = pages;
  if (pages.length > SLACK_LIMITS.maxPages) {
    kept = pages.slice(0, SLACK_LIMITS.maxPages);
    const dropped = pages
      .slice(SLACK_LIMITS.maxPages)
      .flat()
      .filter((b) => b.type === "section")
      .reduce((n, b) => n + ((b.text as { text: string }).text.match(/\n• /g)?.length ?? 1), 0);
    kept.at(-1)!.push({
      type: "context",
      elements: [
        mrkdwn(
          `+${dropped} more not shown. Narrow the question with a union, region, sector or dates.`,
        ),
      ],
    });
  }
  const fallback = truncate(plainFallback(reply), 3000);
  return kept.map((blocks, i) => ({
    text: kept.length > 1 ? `${fallback} (part ${i + 1} of ${kept.length})` : fallback,
    blocks:
      kept.length > 1 && i > 0 ? [context([`Part ${i + 1} of ${kept.length}`]), ...blocks] : blocks,
    response_type,
  }));
}

function plainFallback(reply: Reply): string {
  return escapeSlack(reply.title ?? reply.text ?? "strikewatch");
}

function mrkdwn(text: string): SlackBlock {
  return { type: "mrkdwn", text };
}

function section(text: string): SlackBlock {
  return { type: "section", text: mrkdwn(truncate(text, SLACK_LIMITS.sectionText)) };
}

function context(parts: string[]): SlackBlock {
  // At most 10 elements; join the rest into the last so no source is dropped silently.
  const head = parts.slice(0, SLACK_LIMITS.contextElements - 1);
  const tail = parts.slice(SLACK_LIMITS.contextElements - 1);
  const elements = [...head, ...(tail.length ? [tail.join(" · ")] : [])].map((p) =>
    mrkdwn(truncate(p, 2000)),
  );
  return { type: "context", elements };
}
