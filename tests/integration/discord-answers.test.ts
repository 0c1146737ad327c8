import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DiscordAdapter } from "../../adapters/discord/discord-adapter.ts";
import { DiscordSender } from "../../adapters/discord/discord-sender.ts";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { strikeFactToJson } from "../../src/ingest/ingest-article.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import {
  BOT_ID,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  FakeDiscord,
  STAFF_ROLE_ID,
} from "../helpers/fake-discord.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const BASE = "https://strikes.example.org";
const factory = sqliteFactory();
afterAll(() => factory.cleanup());

interface Button {
  type: 2;
  style: number;
  label: string;
  custom_id?: string;
  url?: string;
}
interface Data {
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
  components?: { type: 1; components: Button[] }[];
  flags?: number;
}

/** The links Discord would render in a text: `[words](url)` with an unescaped `[`. */
function maskedLinks(text: string): { words: string; url: string }[] {
  const out: { words: string; url: string }[] = [];
  const re = /(^|[^\\])\[((?:[^\]\\]|\\.)*)\]\(\s*(https?:[^)\s]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ words: m[2]!, url: m[3]! });
  return out;
}

describe("Discord answers (real discord.js client, local fake Discord)", () => {
  const clock = manualClock("2026-12-01T10:00:00Z");
  let store: EventStore;
  let discord: FakeDiscord;
  let adapter: DiscordAdapter;
  let bot: ReturnType<typeof testDispatcher>;

  beforeEach(async () => {
    store = await factory.open(clock);
    discord = new FakeDiscord();
    const apiUrl = await discord.start();
    bot = testDispatcher(store, clock, [], [`discord:${STAFF_ROLE_ID}`], [], {
      publicBaseUrl: BASE,
    });
    adapter = new DiscordAdapter({
      token: "bot-token",
      apiUrl,
      dispatch: (i) => bot.dispatcher.dispatch(i),
      unions: new Unions(),
      logger: silentLogger,
    });
    await adapter.start();
  });
  afterEach(async () => {
    await adapter.stop();
    await discord.stop();
    await store.close();
  });

  const callbacks = (id: string) =>
    discord.callsFor((c) => c.path.startsWith(`/interactions/${id}/`));
  async function answer(id: string): Promise<Data> {
    await vi.waitFor(() => expect(callbacks(id)).toHaveLength(1));
    return (callbacks(id)[0]!.body as { data: Data }).data;
  }
  const strikes = (when: string, opts: { roles?: string[] } = {}) =>
    discord.interact(
      { id: "1", name: "strikes", type: 1, options: [{ name: "when", type: 3, value: when }] },
      opts,
    ).id;

  const rmtWeek = async () => {
    await store.recordStrike(
      strikeFact({
        union: "RMT",
        workforce: "rail workers",
        sector: "rail",
        regions: ["UK"],
        days: ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"],
        source: article("https://news.example/rmt", "2026-11-30T08:00:00Z", "RMT calls strikes"),
      }),
    );
    await bot.ask("/strike cancel RMT 9 December");
  };

  it("lists a strike once with its days, the called-off one struck through, and links the calendar and page", async () => {
    await rmtWeek();
    const data = await answer(strikes("next week"));
    expect(data.embeds![0]!.description).toMatch(
      /^\*\*RMT\*\* rail workers · UK · Mon 7 – Tue 8 Dec, ~~Wed 9 Dec~~ \(cancelled\), Thu 10 – Fri 11 Dec — /,
    );
    expect(data.embeds![0]!.description).not.toContain("planned");
    const buttons = data.components!.flatMap((r) => r.components);
    expect(buttons.map((b) => [b.label, b.style])).toEqual([
      ["Add to calendar", 5],
      ["Strike calendar page", 5],
      ["Subscribe this channel", 2],
      ["Sources", 2],
    ]);
    expect(buttons[0]!.url).toBe(`${BASE}/calendar.ics`);
    expect(discord.invalid).toEqual([]);
  });

  it("shows every source behind the answer to the one who clicked Sources", async () => {
    await rmtWeek();
    const data = await answer(strikes("next week"));
    const sources = data
      .components!.flatMap((r) => r.components)
      .find((b) => b.label === "Sources")!;
    const click = discord.interact(
      { custom_id: sources.custom_id, component_type: 2 },
      { type: 3 },
    ).id;
    const shown = await answer(click);
    expect(shown.flags).toBe(64); // ephemeral
    const text = JSON.stringify(shown.embeds);
    // The news that set the days and the member of staff who called one off.
    expect(text).toMatch(
      /• [^\\[]+, 1 Dec\\n• \[news.example, 30 Nov\]\(https:\/\/news.example\/rmt\)/,
    );
  });

  it("never renders a masked link from outside text, in answers, disputes, review or digests", async () => {
    const masked = "[Official notice](https://evil.example/login)";
    await store.recordStrike(
      strikeFact({
        days: ["2026-12-03"],
        // Not a web address, so the article is cited by its title: the feed's words.
        source: article("file:///feeds/evil.xml", "2026-11-30T00:00:00Z", `${masked} strike`),
      }),
    );
    await store.recordStance({
      union: "GMB",
      stance: "rejected_offer",
      about: `pay ${masked}`,
      source: article("https://news.example/gmb", "2026-11-30T00:00:00Z", masked),
    });
    await store.review.hold(
      {
        kind: "strike",
        union: "RMT",
        fact: strikeFactToJson(
          strikeFact({
            union: "RMT",
            days: ["2026-12-05"],
            source: article("https://news.example/r", "2026-11-30T00:00:00Z", masked),
          }),
        ),
        factKey: "masked",
        confidence: 0.5,
      },
      clock.now(),
    );
    const outputs = [
      await answer(strikes("this week")),
      await answer(discord.interact({ id: "2", name: "disputes", type: 1, options: [] }).id),
      await answer(
        discord.interact(
          {
            id: "3",
            name: "strikewatch",
            type: 1,
            options: [
              { name: "review", type: 2, options: [{ name: "list", type: 1, options: [] }] },
            ],
          },
          { roles: [STAFF_ROLE_ID] },
        ).id,
      ),
    ];
    const digest = await bot.ask("/strikes this week");
    await new DiscordSender(adapter.client.rest).send(CHANNEL_ID, digest, "digest-masked");
    const posted = discord.created.map((m) => m.embeds);
    const texts = [...outputs.map((o) => JSON.stringify(o.embeds)), JSON.stringify(posted)].map(
      (t) => JSON.parse(`[${t}]`) as unknown[],
    );
    const strings: string[] = [];
    const walk = (v: unknown) => {
      if (typeof v === "string") strings.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") Object.values(v).forEach(walk);
    };
    walk(texts);
    const withWords = strings.filter((s) => s.includes("Official notice"));
    expect(withWords.length).toBeGreaterThanOrEqual(4);
    for (const s of withWords) {
      for (const l of maskedLinks(s)) {
        expect(l.words).not.toContain("Official notice");
        expect(l.url).not.toContain("evil.example");
      }
    }
    // The bot's own source links still work.
    expect(
      strings.some((s) => maskedLinks(s).some((l) => l.url === "https://news.example/gmb")),
    ).toBe(true);
  });

  it("names a link's real host when its words name another", async () => {
    await store.recordStrike(
      strikeFact({
        days: ["2026-12-03"],
        source: article("https://evil.example/x", "2026-11-30T00:00:00Z", "www.bbc.co.uk"),
      }),
    );
    const { sourcesView } = await import("../../src/render/sources-view.ts");
    const { renderDiscord } = await import("../../adapters/discord/render.ts");
    const reply = await bot.ask("/strikes this week");
    // The article's publisher is its address's host, so the label is honest already…
    expect(JSON.stringify(renderDiscord(reply))).toContain("[evil.example, 30 Nov]");
    // …and a label that names another host gets the real one beside it.
    const view = sourcesView({
      ...reply,
      sections: [
        {
          heading: "",
          rows: [
            { cells: ["RMT"], source: { label: "www.bbc.co.uk", url: "https://evil.example/x" } },
          ],
        },
      ],
    });
    expect(JSON.stringify(renderDiscord(view))).toContain(
      "[www.bbc.co.uk (evil.example)](https://evil.example/x)",
    );
  });

  it("answers a question put to it in a mention or a direct message, and nothing else", async () => {
    await bot.ask("/strike add RCN nurses Wales 2 December");
    // Messages reach a client once it has its guilds (interactions carry their own context).
    await new Promise<void>((r) =>
      adapter.client.isReady() ? r() : adapter.client.once("clientReady", () => r()),
    );
    const replies = (channel: string) =>
      discord.callsFor((c) => c.method === "POST" && c.path === `/channels/${channel}/messages`);
    // Said in the channel without naming the bot: not for it (and its text is hidden from it).
    expect(discord.say("who's striking tomorrow in Wales?").delivered).toBe(true);
    const asked = discord.say(`<@${BOT_ID}> who's striking tomorrow in Wales?`);
    const patiently = { timeout: 10_000 }; // a hang guard
    await vi.waitFor(() => expect(replies(CHANNEL_ID)).toHaveLength(1), patiently);
    const body = replies(CHANNEL_ID)[0]!.body as Data & {
      message_reference?: { message_id: string };
      allowed_mentions?: unknown;
    };
    expect(body.message_reference?.message_id).toBe(asked.id);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.embeds![0]!.title).toBe(
      "Strikes in Wales tomorrow (Wed 2 Dec 2026, Europe/London)",
    );
    expect(body.embeds![0]!.description).toMatch(/^\*\*RCN\*\* nurses · Wales · Wed 2 Dec — /);

    discord.say("strikes this week nurses", { dm: true });
    await vi.waitFor(() => expect(replies(DM_CHANNEL_ID)).toHaveLength(1), patiently);
    expect((replies(DM_CHANNEL_ID)[0]!.body as Data).embeds![0]!.title).toContain(
      "Nurses strikes this week",
    );
    expect(replies(CHANNEL_ID)).toHaveLength(1);
    expect(discord.invalid).toEqual([]);
  });

  it("defers a slow answer in public, and swaps it for a private one when the answer is private", async () => {
    await adapter.stop();
    // An answer that takes longer than the defer budget: it comes only once Discord has the
    // deferral, so the slow path is taken without waiting on a clock.
    const deferred = (id: string) =>
      callbacks(id).some((c) => (c.body as { type: number }).type === 5);
    let asked = "";
    adapter = new DiscordAdapter({
      token: "bot-token",
      apiUrl: `${discord.base}/api`,
      deferAfterMs: 0,
      dispatch: async (inv) => {
        await vi.waitFor(() => expect(deferred(asked)).toBe(true), { timeout: 10_000 });
        return bot.dispatcher.dispatch(inv);
      },
      unions: new Unions(),
      logger: silentLogger,
    });
    await adapter.start();
    await rmtWeek();
    const publicAsk = discord.interact({
      id: "1",
      name: "strikes",
      type: 1,
      options: [{ name: "when", type: 3, value: "next week" }],
    });
    asked = publicAsk.id;
    const edits = (token: string, method: string) =>
      discord.callsFor(
        (c) =>
          c.method === method && c.path.startsWith("/webhooks/") && c.path.includes(`/${token}`),
      );
    await vi.waitFor(() => expect(edits(publicAsk.token, "PATCH")).toHaveLength(1), {
      timeout: 10_000,
    });
    // Deferred for everyone, then edited in place: the channel sees the answer.
    expect(
      (callbacks(publicAsk.id)[0]!.body as { data?: { flags?: number } }).data?.flags ?? 0,
    ).toBe(0);
    expect(JSON.stringify(edits(publicAsk.token, "PATCH")[0]!.body)).toContain("RMT");

    const privateAsk = discord.interact({
      id: "2",
      name: "strikes",
      type: 1,
      options: [{ name: "union", type: 3, value: "RNC" }],
    });
    asked = privateAsk.id;
    await vi.waitFor(() => expect(edits(privateAsk.token, "POST")).toHaveLength(1), {
      timeout: 10_000,
    });
    // The mistake goes to the asker alone; the public "thinking…" is taken away.
    expect(edits(privateAsk.token, "DELETE")).toHaveLength(1);
    const followUp = edits(privateAsk.token, "POST")[0]!.body as Data;
    expect(followUp.flags).toBe(64);
    expect(JSON.stringify(followUp.embeds)).toContain("Did you mean RCN");
    expect(discord.invalid).toEqual([]);
  });

  it("gives each review item its own row of buttons, in pages of five", async () => {
    for (let i = 0; i < 12; i++) {
      await store.review.hold(
        {
          kind: "strike",
          union: "RMT",
          fact: strikeFactToJson(
            strikeFact({
              union: "RMT",
              days: [`2026-12-${String(10 + i).padStart(2, "0")}`],
              source: article(`https://news.example/${i}`, "2026-11-30T00:00:00Z", `Story ${i}`),
            }),
          ),
          factKey: `k${i}`,
          confidence: 0.5,
        },
        clock.now(),
      );
    }
    const { id, token } = discord.interact(
      {
        id: "3",
        name: "strikewatch",
        type: 1,
        options: [{ name: "review", type: 2, options: [{ name: "list", type: 1, options: [] }] }],
      },
      { roles: [STAFF_ROLE_ID] },
    );
    const first = await answer(id);
    const followUps = () =>
      discord.callsFor((c) => c.method === "POST" && c.path.endsWith(`/${token}`));
    await vi.waitFor(() => expect(followUps()).toHaveLength(2));
    const pages = [first, ...followUps().map((c) => c.body as Data)];
    const rows = pages.flatMap((p) => p.components ?? []);
    for (const p of pages) expect((p.components ?? []).length).toBeLessThanOrEqual(5);
    // One row per item, each naming only that item's number.
    expect(rows).toHaveLength(12);
    for (const row of rows) {
      const numbers = new Set(row.components.map((b) => /(\d+)$/.exec(b.custom_id!)![1]));
      expect(numbers.size).toBe(1);
    }
    expect(discord.invalid).toEqual([]);
  });
});
