/**
 * Discord's message rules as its API enforces them (discord.com/developers/docs/resources/message
 * and /interactions/message-components): the fake answers what Discord would, 400 "Invalid Form
 * Body" (code 50035), so a test that passes here would pass there. Empty when valid.
 */
type Json = Record<string, unknown>;

export function discordMessageErrors(message: unknown): string[] {
  const m = (message ?? {}) as Json;
  const errors: string[] = [];
  const fail = (path: string, why: string) => errors.push(`${path}: ${why}`);
  if (typeof m.content === "string" && m.content.length > 2000) fail("content", "over 2000");
  const embeds = (m.embeds ?? []) as Json[];
  if (embeds.length > 10) fail("embeds", `${embeds.length} embeds (at most 10)`);
  let total = 0;
  embeds.forEach((e, i) => {
    const at = `embeds[${i}]`;
    const len = (v: unknown) => (typeof v === "string" ? v.length : 0);
    if (len(e.title) > 256) fail(at, "title over 256");
    if (len(e.description) > 4096) fail(at, "description over 4096");
    const footer = e.footer as Json | undefined;
    if (len(footer?.text) > 2048) fail(at, "footer over 2048");
    const fields = (e.fields ?? []) as Json[];
    if (fields.length > 25) fail(at, `${fields.length} fields (at most 25)`);
    fields.forEach((f, j) => {
      if (len(f.name) === 0 || len(f.name) > 256) fail(`${at}.fields[${j}]`, "name of 1 to 256");
      if (len(f.value) === 0 || len(f.value) > 1024)
        fail(`${at}.fields[${j}]`, "value of 1 to 1024");
    });
    total +=
      len(e.title) +
      len(e.description) +
      len(footer?.text) +
      fields.reduce((n, f) => n + len(f.name) + len(f.value), 0);
  });
  if (total > 6000) fail("embeds", `${total} characters in all (at most 6000)`);
  const rows = (m.components ?? []) as Json[];
  if (rows.length > 5) fail("components", `${rows.length} action rows (at most 5)`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const at = `components[${i}]`;
    if (row.type !== 1) return fail(at, "top-level components must be action rows");
    const items = (row.components ?? []) as Json[];
    if (items.length === 0 || items.length > 5) fail(at, `${items.length} buttons (1 to 5)`);
    items.forEach((b, j) => {
      const bat = `${at}.components[${j}]`;
      if (b.type !== 2) return;
      if (typeof b.label === "string" && b.label.length > 80) fail(bat, "label over 80");
      if (b.style === 5) {
        if (typeof b.url !== "string" || b.url.length > 512) fail(bat, "a link button needs a url");
        if (b.custom_id !== undefined) fail(bat, "a link button has no custom_id");
        return;
      }
      const id = b.custom_id;
      if (typeof id !== "string" || id.length === 0 || id.length > 100)
        return fail(bat, "custom_id of 1 to 100");
      if (ids.has(id)) fail(bat, `duplicate custom_id ${id}`);
      ids.add(id);
    });
  });
  return errors;
}
