import type { Reply, ReplyAction, ReplyRow, ReplySource } from "../../src/reply.ts";
import { honestLabel, linkableUrl } from "../../src/render/link-label.ts";
import { listLine, runsText, type Markup } from "../../src/render/row-text.ts";

/** Block Kit limits (docs.slack.dev/reference/block-kit): we stay inside them with room to spare. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** App Home views hold up to 100 blocks. */
  blocksPerView: 100,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  actionElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  optionText: 75,
  optionValue: 75,
  /** Slack rejects messages whose blocks carry much more than ~12,000 characters. */
  charsPerMessage: 11_000,
  /** response_url accepts five messages: longer answers end with "+N more". */
  maxPages: 5,
  /** A source's label is cut here: a feed's 5,000-character headline must not fill a message. */
  sourceLabel: 150,
  /** One context block's elements together (its JSON), so no unit outgrows a message. */
  contextChars: 2500,
  /** The sources under one section, all their context blocks together. */
  sourceChars: 4000,
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

const SLACK: Markup = {
  text: escapeSlack,
  strong: (s) => `*${s}*`,
  struck: (s) => `~${s}~`,
};

/** Action ids: what a click means. The value carries the command line. */
export const ACTION_IDS = {
  command: "strikewatch_command",
  sources: "strikewatch_sources",
  modal: "strikewatch_modal",
  menu: "strikewatch_menu",
  link: "strikewatch_link",
} as const;

/** Overflow option values start with what choosing them does (values hold 75 characters). */
export const MENU_PREFIX = { run: "r:", confirm: "c:", prefill: "e:" } as const;

function link(source: ReplySource): string {
  const label = truncate(source.label, SLACK_LIMITS.sourceLabel);
  const url = linkableUrl(source.url, 2000);
  if (!url) return escapeSlack(label);
  return `<${url}|${escapeSlack(honestLabel(label, url))}>`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function rowLine(row: ReplyRow, layout: string | undefined): string {
  if (layout === "list") return `• ${listLine(row, SLACK)}`;
  if (layout === "sources") return `• ${row.source ? link(row.source) : ""}`;
  const cells = row.cells.filter(Boolean).map(escapeSlack);
  if (row.days?.length) cells.push(runsText(row.days, SLACK));
  const [first, ...rest] = cells;
  // The first cell leads the rest ("*#3* RMT…", "*Stance:* …"); a line on its own is just text.
  if (rest.length === 0) return `• ${first ?? ""}`;
  return `• *${first}*  ${rest.join(" · ")}`;
}

function plain(text: string, max: number) {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

function confirmDialog(question: string) {
  return {
    title: plain("Are you sure?", 100),
    text: plain(question, 300),
    confirm: plain("Yes", 30),
    deny: plain("No", 30),
    style: "danger",
  };
}

/** A button that runs a command line (or shows its sources, or opens a form first). */
function button(a: ReplyAction, i: number): SlackBlock | undefined {
  if (a.command.length > SLACK_LIMITS.buttonValue) return undefined;
  const kind = a.prefill ? ACTION_IDS.modal : a.view === "sources" ? ACTION_IDS.sources : null;
  return {
    type: "button",
    action_id: `${kind ?? ACTION_IDS.command}_${i}`,
    text: plain(a.label, SLACK_LIMITS.buttonText),
    value: a.command,
    ...(a.style ? { style: a.style } : {}),
    ...(a.confirm && !a.prefill ? { confirm: confirmDialog(a.confirm) } : {}),
  };
}

/** A staff row's tools as an overflow menu (two to five options, values of 75 characters). */
function overflow(menu: readonly ReplyAction[]): SlackBlock | undefined {
  const options = menu
    .map((a) => {
      const prefix = a.prefill
        ? MENU_PREFIX.prefill
        : a.confirm
          ? MENU_PREFIX.confirm
          : MENU_PREFIX.run;
      return { text: plain(a.label, SLACK_LIMITS.optionText), value: `${prefix}${a.command}` };
    })
    .filter((o) => o.value.length <= SLACK_LIMITS.optionValue)
    .slice(0, 5);
  if (options.length < 2) return undefined;
  return { type: "overflow", action_id: ACTION_IDS.menu, options };
}

const size = (blocks: readonly SlackBlock[]) => JSON.stringify(blocks).length;

/** Source links as context blocks of at most 10 elements and `contextChars` characters each. */
function contexts(parts: readonly string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let elements: SlackBlock[] = [];
  let chars = 0;
  for (const p of parts) {
    const el = mrkdwn(p);
    const n = JSON.stringify(el).length + 1;
    if (
      elements.length > 0 &&
      (elements.length >= SLACK_LIMITS.contextElements || chars + n > SLACK_LIMITS.contextChars)
    ) {
      out.push({ type: "context", elements });
      elements = [];
      chars = 0;
    }
    elements.push(el);
    chars += n;
  }
  if (elements.length) out.push({ type: "context", elements });
  return out;
}

/**
 * A reply's blocks, grouped into units that must stay together on one page (a strike and its
 * source, an item and its buttons). Every unit fits a message with room to spare.
 */
function units(reply: Reply, interactive = true): SlackBlock[][] {
  const out: SlackBlock[][] = [];
  if (reply.text)
    out.push([section(escapeSlack(reply.error ? `:warning: ${reply.text}` : reply.text))]);
  if (reply.error?.hint) out.push(contexts([escapeSlack(reply.error.hint)]));
  for (const s of reply.sections ?? []) {
    const heading = s.heading ? `*${escapeSlack(s.heading)}*` : "";
    let body = heading;
    let lines = 0;
    let sources: string[] = [];
    let sourceChars = 0;
    const flush = () => {
      if (body) out.push([section(body), ...contexts(sources)]);
      else if (sources.length) out.push(contexts(sources));
      body = "";
      lines = 0;
      sources = [];
      sourceChars = 0;
    };
    const flushContinued = () => {
      flush();
      // A long section goes on in the next block (perhaps the next message): say whose rows.
      if (heading) body = `${heading.slice(0, -1)} (continued)*`;
    };
    if (s.rows.length === 0 && !heading) continue;
    for (const row of s.rows) {
      const line = rowLine(row, s.layout);
      const src = row.source && s.layout !== "sources" ? link(row.source) : undefined;
      const menu = row.menu && interactive ? overflow(row.menu) : undefined;
      const buttons = (interactive ? (row.actions ?? []) : [])
        .slice(0, 5)
        .map(button)
        .filter((b): b is SlackBlock => b !== undefined);
      if (menu || buttons.length) {
        // A row with its own tools is its own block, so the menu or buttons sit beside it.
        if (lines > 0) flush();
        // The heading (if still to show) goes with the first row.
        const text = body ? `${body}\n${line}` : line;
        body = "";
        const unit: SlackBlock[] = [
          { ...section(text), ...(menu ? { accessory: menu } : {}) },
          ...(src ? contexts([src]) : []),
        ];
        if (buttons.length) unit.push({ type: "actions", elements: buttons });
        out.push(unit);
        continue;
      }
      const newSource = src !== undefined && !sources.includes(src);
      if (
        body.length + line.length + 1 > SLACK_LIMITS.sectionText - 100 ||
        (newSource && sourceChars + src.length > SLACK_LIMITS.sourceChars)
      )
        flushContinued();
      body += body ? `\n${line}` : line;
      lines++;
      if (newSource && !sources.includes(src)) {
        sources.push(src);
        sourceChars += src.length + 40;
      }
    }
    flush();
  }
  if (reply.footer) out.push(contexts([escapeSlack(reply.footer)]));
  const bar = actionBar(interactive ? reply : { ...reply, actions: [] });
  if (bar) out.push([bar]);
  return out;
}

/** The answer's own buttons: calendar and page links first, then Subscribe, Sources. */
function actionBar(reply: Reply): SlackBlock | undefined {
  const links = [...(reply.links ?? [])].sort(
    (a, b) => Number(b.kind === "calendar") - Number(a.kind === "calendar"),
  );
  const elements: SlackBlock[] = [];
  links.forEach((l, i) => {
    const url = linkableUrl(l.url, SLACK_LIMITS.url);
    if (!url) return;
    elements.push({
      type: "button",
      action_id: `${ACTION_IDS.link}_${i}`,
      text: plain(l.label, SLACK_LIMITS.buttonText),
      url,
      ...(l.kind === "calendar" ? { style: "primary" } : {}),
    });
  });
  (reply.actions ?? []).forEach((a, i) => {
    const b = button(a, 100 + i);
    if (b) elements.push(b);
  });
  const kept = elements.slice(0, SLACK_LIMITS.actionElements);
  return kept.length ? { type: "actions", elements: kept } : undefined;
}

/** Turns a neutral reply into one or more Block Kit messages, each within Slack's limits. */
export function renderSlack(reply: Reply): SlackMessage[] {
  const response_type = reply.ephemeral ? "ephemeral" : "in_channel";
  const title = reply.title ? truncate(reply.title, SLACK_LIMITS.headerText) : undefined;
  const header: SlackBlock[] = title
    ? [{ type: "header", text: { type: "plain_text", text: title, emoji: false } }]
    : [];
  const pages = paginate(header, units(reply), {
    // Room for "Part 2 of 3" and "+N more" on any page.
    blocks: SLACK_LIMITS.blocksPerMessage - 2,
    chars: SLACK_LIMITS.charsPerMessage - 400,
  });

  let kept = pages;
  if (pages.length > SLACK_LIMITS.maxPages) {
    kept = pages.slice(0, SLACK_LIMITS.maxPages);
    kept.at(-1)!.push(moreNote(countRows(pages.slice(SLACK_LIMITS.maxPages).flat())));
  }
  const fallback = truncate(plainFallback(reply), 3000);
  return kept.map((blocks, i) => ({
    text: kept.length > 1 ? `${fallback} (part ${i + 1} of ${kept.length})` : fallback,
    blocks:
      kept.length > 1 && i > 0
        ? [{ type: "context", elements: [mrkdwn(`Part ${i + 1} of ${kept.length}`)] }, ...blocks]
        : blocks,
    response_type,
  }));
}

/**
 * The blocks of an App Home tab (one view of up to 100 blocks): the same units as a message,
 * cut with "+N more" where the view is full. Only link buttons: a click in the Home tab has no
 * channel to answer in.
 */
export function renderSlackView(reply: Reply): SlackBlock[] {
  const title = reply.title ? truncate(reply.title, SLACK_LIMITS.headerText) : undefined;
  const blocks: SlackBlock[] = title
    ? [{ type: "header", text: { type: "plain_text", text: title, emoji: false } }]
    : [];
  const all = units(reply, false);
  for (let i = 0; i < all.length; i++) {
    const unit = all[i]!;
    if (blocks.length + unit.length > SLACK_LIMITS.blocksPerView - 1) {
      blocks.push(moreNote(countRows(all.slice(i).flat())));
      break;
    }
    blocks.push(...unit);
  }
  return blocks;
}

function paginate(
  first: SlackBlock[],
  all: SlackBlock[][],
  budget: { blocks: number; chars: number },
): SlackBlock[][] {
  const pages: SlackBlock[][] = [];
  let page = [...first];
  let chars = size(page);
  for (const unit of all) {
    const n = size(unit);
    if (
      page.length > 0 &&
      (page.length + unit.length > budget.blocks || chars + n + 1 > budget.chars)
    ) {
      pages.push(page);
      page = [];
      chars = 2;
    }
    page.push(...unit);
    chars += n + 1;
  }
  if (page.length) pages.push(page);
  return pages;
}

/** Rows in blocks left out: a section's bullet lines. */
function countRows(blocks: readonly SlackBlock[]): number {
  return blocks
    .filter((b) => b.type === "section")
    .reduce((n, b) => n + ((b.text as { text: string }).text.match(/(^|\n)• /g)?.length ?? 1), 0);
}

function moreNote(n: number): SlackBlock {
  return {
    type: "context",
    elements: [
      mrkdwn(`+${n} more not shown. Narrow the question with a union, region, sector or dates.`),
    ],
  };
}

function plainFallback(reply: Reply): string {
  return escapeSlack(reply.title ?? reply.text ?? "strikewatch");
}

function mrkdwn(text: string): SlackBlock {
  return { type: "mrkdwn", text: truncate(text, 2000) };
}

function section(text: string): SlackBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(text, SLACK_LIMITS.sectionText) },
  };
}
