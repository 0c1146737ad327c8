/**
 * Slack's Block Kit rules as Slack enforces them (docs.slack.dev/reference/block-kit): the fake
 * refuses what Slack would refuse ("invalid_blocks"), so a test that passes here would pass there.
 * Returns what is wrong, one line each; empty when the blocks are valid.
 */
type Json = Record<string, unknown>;

const MAX_BLOCKS = { message: 50, modal: 100, home: 100 } as const;

export function blockKitErrors(
  blocks: unknown,
  surface: keyof typeof MAX_BLOCKS = "message",
): string[] {
  const errors: string[] = [];
  const fail = (path: string, why: string) => errors.push(`${path}: ${why}`);
  if (blocks === undefined) return errors;
  if (!Array.isArray(blocks)) return ["blocks: must be an array"];
  if (blocks.length > MAX_BLOCKS[surface])
    fail("blocks", `${blocks.length} blocks (at most ${MAX_BLOCKS[surface]})`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    const at = `blocks[${i}]`;
    if (typeof b.block_id === "string") {
      if (b.block_id.length > 255) fail(at, "block_id over 255 characters");
      if (blockIds.has(b.block_id)) fail(at, `duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    switch (b.type) {
      case "header":
        text(b.text, `${at}.text`, 150, fail, "plain_text");
        break;
      case "section":
        if (b.text === undefined && b.fields === undefined)
          fail(at, "section needs text or fields");
        if (b.text !== undefined) text(b.text, `${at}.text`, 3000, fail);
        if (Array.isArray(b.fields)) {
          if (b.fields.length > 10) fail(at, "more than 10 fields");
          (b.fields as unknown[]).forEach((f, j) => text(f, `${at}.fields[${j}]`, 2000, fail));
        }
        if (b.accessory !== undefined) element(b.accessory as Json, `${at}.accessory`, fail);
        break;
      case "context": {
        const els = b.elements as unknown[] | undefined;
        if (!Array.isArray(els) || els.length === 0 || els.length > 10)
          fail(at, `context needs 1 to 10 elements (has ${els?.length ?? 0})`);
        else els.forEach((e, j) => text(e, `${at}.elements[${j}]`, 3000, fail));
        break;
      }
      case "actions": {
        const els = b.elements as Json[] | undefined;
        if (!Array.isArray(els) || els.length === 0 || els.length > 25)
          fail(at, `actions needs 1 to 25 elements (has ${els?.length ?? 0})`);
        else {
          const ids = new Set<string>();
          els.forEach((e, j) => {
            element(e, `${at}.elements[${j}]`, fail);
            const id = e.action_id as string | undefined;
            if (id && ids.has(id)) fail(`${at}.elements[${j}]`, `duplicate action_id ${id}`);
            if (id) ids.add(id);
          });
        }
        break;
      }
      case "divider":
        break;
      case "input":
        if (surface === "message") fail(at, "input blocks belong in modals");
        text(b.label, `${at}.label`, 2000, fail, "plain_text");
        element(b.element as Json, `${at}.element`, fail);
        break;
      default:
        fail(at, `unknown block type ${String(b.type)}`);
    }
  });
  return errors;
}

function text(
  raw: unknown,
  at: string,
  max: number,
  fail: (path: string, why: string) => void,
  only?: "plain_text",
): void {
  const t = raw as Json | undefined;
  if (!t || (t.type !== "mrkdwn" && t.type !== "plain_text")) return fail(at, "not a text object");
  if (only && t.type !== only) fail(at, `must be ${only}`);
  if (typeof t.text !== "string" || t.text.length === 0) return fail(at, "empty text");
  if (t.text.length > max) fail(at, `text of ${t.text.length} characters (at most ${max})`);
}

function element(e: Json, at: string, fail: (path: string, why: string) => void): void {
  if (typeof e.action_id === "string" && e.action_id.length > 255)
    fail(at, "action_id over 255 characters");
  switch (e.type) {
    case "button":
      text(e.text, `${at}.text`, 75, fail, "plain_text");
      if (typeof e.value === "string" && e.value.length > 2000) fail(at, "value over 2000");
      if (typeof e.url === "string" && e.url.length > 3000) fail(at, "url over 3000");
      if (e.style !== undefined && e.style !== "primary" && e.style !== "danger")
        fail(at, `bad style ${String(e.style)}`);
      if (e.confirm !== undefined) confirm(e.confirm as Json, `${at}.confirm`, fail);
      break;
    case "overflow": {
      const options = e.options as Json[] | undefined;
      if (!Array.isArray(options) || options.length < 2 || options.length > 5)
        fail(at, `overflow needs 2 to 5 options (has ${options?.length ?? 0})`);
      else
        options.forEach((o, j) => {
          text(o.text, `${at}.options[${j}].text`, 75, fail, "plain_text");
          if (typeof o.value === "string" && o.value.length > 75)
            fail(`${at}.options[${j}]`, `value of ${o.value.length} characters (at most 75)`);
        });
      if (e.confirm !== undefined) confirm(e.confirm as Json, `${at}.confirm`, fail);
      break;
    }
    case "plain_text_input":
      if (typeof e.initial_value === "string" && e.initial_value.length > 3000)
        fail(at, "initial_value over 3000");
      break;
    default:
      fail(at, `unknown element type ${String(e.type)}`);
  }
}

function confirm(c: Json, at: string, fail: (path: string, why: string) => void): void {
  if (c.title !== undefined) text(c.title, `${at}.title`, 100, fail, "plain_text");
  text(c.text, `${at}.text`, 300, fail);
  if (c.confirm !== undefined) text(c.confirm, `${at}.confirm`, 30, fail, "plain_text");
  if (c.deny !== undefined) text(c.deny, `${at}.deny`, 30, fail, "plain_text");
}

/** A modal view's own limits besides its blocks. */
export function viewErrors(view: unknown): string[] {
  const v = (view ?? {}) as Json;
  const errors: string[] = [];
  const surface = v.type === "home" ? "home" : "modal";
  if (v.type !== "home" && v.type !== "modal") errors.push(`view: bad type ${String(v.type)}`);
  if (v.type === "modal") {
    for (const k of ["title", "submit", "close"] as const) {
      const t = v[k] as Json | undefined;
      if (k === "title" && !t) errors.push("view.title: required");
      if (t && (typeof t.text !== "string" || t.text.length > 24))
        errors.push(`view.${k}: at most 24 characters`);
    }
  }
  if (typeof v.private_metadata === "string" && v.private_metadata.length > 3000)
    errors.push("view.private_metadata: over 3000 characters");
  return [...errors, ...blockKitErrors(v.blocks, surface)];
}
