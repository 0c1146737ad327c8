import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { commandDefinitions } from "../../adapters/discord/command-definitions.ts";
import { DiscordAdapter } from "../../adapters/discord/discord-adapter.ts";
import { DISCORD_LIMITS, renderDiscord } from "../../adapters/discord/render.ts";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import {
  CHANNEL_ID,
  FakeDiscord,
  GUILD_ID,
  STAFF_ROLE_ID,
  type RestCall,
} from "../helpers/fake-discord.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());

interface Callback {
  type: number;
  data: {
    embeds?: {
      title?: string;
      description?: string;
      fields?: { name: string; value: string }[];
      footer?: { text: string };
    }[];
    flags?: number;
    allowed_mentions?: { parse: string[] };
  };
}

const STAFF_ROLE = STAFF_ROLE_ID;

describe("Discord adapter (real discord.js client, local fake Discord)", () => {
  const clock = manualClock("2023-01-12T10:00:00Z");
  let store: EventStore;
  let discord: FakeDiscord;
  let adapter: DiscordAdapter;

  beforeEach(async () => {
    store = await factory.open(clock);
    discord = new FakeDiscord();
    const apiUrl = await discord.start();
    const { dispatcher } = testDispatcher(
      store,
      clock,
      [],
      [`discord:${STAFF_ROLE}`],
      [`discord:${GUILD_ID}`], // DISCORD_GUILDS: the operator's own server
    );
    adapter = new DiscordAdapter({
      token: "bot-token",
      apiUrl,
      dispatch: (i) => dispatcher.dispatch(i),
      unions: new Unions(),
      logger: silentLogger,
    });
    await adapter.start();
  });
  afterEach(async () => {
    await adapter.stop(); // before the fake goes, or it keeps reconnecting
    await discord.stop();
    await store.close();
  });

  const callbacks = (id: string) =>
    discord.callsFor((c) => c.path.startsWith(`/interactions/${id}/`));
  async function callbackFor(id: string): Promise<Callback> {
    await vi.waitFor(() => expect(callbacks(id)).toHaveLength(1));
    return callbacks(id)[0]!.body as Callback;
  }

  it("answers /strikes this week with an embed", async () => {
    await store.recordStrike(
      strikeFact({
        days: ["2023-01-13"],
        source: article("https://www.bbc.co.uk/news/1", "2023-01-11T09:00:00Z"),
      }),
    );
    const { id } = discord.interact({
      id: "1",
      name: "strikes",
      type: 1,
      options: [{ name: "when", type: 3, value: "this week" }],
    });
    const cb = await callbackFor(id);
    expect(cb.type).toBe(4);
    const embed = cb.data.embeds![0]!;
    expect(embed.title).toBe("Strikes this week (Mon 9 – Sun 15 Jan 2023, Europe/London)");
    expect(embed.description).toBe(
      "**Unite** ambulance workers · Wales · Fri 13 Jan — [bbc.co.uk, 11 Jan](https://www.bbc.co.uk/news/1)",
    );
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    expect(cb.data.flags ?? 0).toBe(0);
  });

  it("refuses a non-staff /stance ephemerally, and lets a staff role through", async () => {
    const data = {
      id: "2",
      name: "stance",
      type: 1,
      options: [{ name: "text", type: 3, value: "GMB rejected one-off payment" }],
    };
    const refused = await callbackFor(discord.interact(data).id);
    expect(refused.data.flags).toBe(64);
    expect(refused.data.embeds![0]!.description).toContain("Only staff can use /stance");
    expect(await store.eventsAfter(0)).toEqual([]);
    const allowed = await callbackFor(discord.interact(data, { roles: [STAFF_ROLE] }).id);
    expect(allowed.data.embeds![0]!.description).toContain(
      "Recorded: GMB rejected the one-off payment",
    );
  });

  it("counts staff rights only in the configured server, not in any server the bot is in", async () => {
    const stance = (n: string) => ({
      id: n,
      name: "stance",
      type: 1,
      options: [{ name: "text", type: 3, value: "GMB rejected one-off payment" }],
    });
    const elsewhere = "299999999999999999"; // a server anyone could create and invite the bot to
    const manageServer = String(1n << 5n);
    for (const opts of [
      { permissions: manageServer, guildId: elsewhere },
      { roles: [STAFF_ROLE], guildId: elsewhere },
      { permissions: "8", guildId: elsewhere }, // Administrator includes Manage Server
    ]) {
      const refused = await callbackFor(discord.interact(stance("20"), opts).id);
      expect(refused.data.embeds![0]!.description, JSON.stringify(opts)).toContain(
        "Only staff can use /stance",
      );
    }
    expect(await store.eventsAfter(0)).toEqual([]);
    const allowed = await callbackFor(
      discord.interact(stance("21"), { permissions: manageServer }).id,
    );
    expect(allowed.data.embeds![0]!.description).toContain("Recorded: GMB rejected");
  });

  it("maps subcommands: /strike add and /strikewatch feeds list", async () => {
    const add = await callbackFor(
      discord.interact(
        {
          id: "3",
          name: "strike",
          type: 1,
          options: [
            {
              name: "add",
              type: 1,
              options: [{ name: "details", type: 3, value: "RCN nurses Wales 6 and 7 February" }],
            },
          ],
        },
        { permissions: String(1n << 5n) }, // Manage Server in a DISCORD_GUILDS server is staff
      ).id,
    );
    expect(add.data.embeds![0]!.description).toBe(
      "Added: RCN nurses (Wales) strike on Mon 6 Feb and Tue 7 Feb 2023.",
    );
    const feeds = await callbackFor(
      discord.interact({
        id: "4",
        name: "strikewatch",
        type: 1,
        options: [{ name: "feeds", type: 2, options: [{ name: "list", type: 1, options: [] }] }],
      }).id,
    );
    expect(feeds.data.embeds![0]!.description).toContain("No feeds yet");
  });

  it("paginates an answer with 200 strike days within Discord's limits", async () => {
    const unions = ["RCN", "GMB", "Unite", "Unison", "RMT", "ASLEF", "PCS", "BMA", "NEU", "CWU"];
    for (let i = 0; i < 200; i++) {
      await store.recordStrike(
        strikeFact({
          union: unions[i % 10]!,
          workforce: `group ${i}`,
          regions: ["England"],
          days: [`2023-01-${String(1 + (i % 31)).padStart(2, "0")}`],
          source: article(`https://news.example/${i}`, "2023-01-01T00:00:00Z"),
        }),
      );
    }
    const { id, token } = discord.interact({
      id: "5",
      name: "strikes",
      type: 1,
      options: [{ name: "when", type: 3, value: "this month" }],
    });
    await callbackFor(id);
    const followUps = () =>
      discord.callsFor((c) => c.method === "POST" && c.path.endsWith(`/${token}`));
    const reply = await testDispatcher(store, clock).ask("/strikes this month");
    const expected = renderDiscord(reply).length;
    expect(expected).toBeGreaterThan(1);
    await vi.waitFor(() => expect(followUps()).toHaveLength(expected - 1));
    const messages = [
      (callbacks(id)[0]!.body as Callback).data,
      ...followUps().map((c: RestCall) => c.body as Callback["data"]),
    ];
    let rows = 0;
    for (const m of messages) {
      expect(m.embeds!.length).toBeLessThanOrEqual(10);
      const chars = m.embeds!.reduce(
        (n, e) =>
          n +
          (e.title?.length ?? 0) +
          (e.description?.length ?? 0) +
          (e.footer?.text.length ?? 0) +
          (e.fields ?? []).reduce((k, f) => k + f.name.length + f.value.length, 0),
        0,
      );
      expect(chars).toBeLessThanOrEqual(6000);
      for (const e of m.embeds!) {
        expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
        for (const f of e.fields ?? []) {
          expect(f.value.length).toBeLessThanOrEqual(1024);
          rows += f.value.split("\n").length;
        }
      }
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    expect(rows).toBe(200);
  });

  it("posts to a channel with allowed_mentions.parse = [] and a nonce", async () => {
    await adapter.post(
      CHANNEL_ID,
      { kind: "answer", ephemeral: false, text: "@everyone strike tomorrow <@123>" },
      "digest-1",
    );
    const [post] = discord.callsFor((c) => c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(post!.body).toMatchObject({
      allowed_mentions: { parse: [] },
      nonce: expect.stringMatching(/^[0-9a-f]{25}$/),
      enforce_nonce: true,
    });
    expect(JSON.stringify(post!.body)).not.toContain('"@everyone');
  });

  it("retries a 429 on the messages route after Retry-After", async () => {
    discord.scripted.push({
      match: (c) => c.path === `/channels/${CHANNEL_ID}/messages`,
      status: 429,
      headers: { "retry-after": "0.3", "x-ratelimit-scope": "user" },
      body: { message: "You are being rate limited.", retry_after: 0.3, global: false },
    });
    await adapter.post(CHANNEL_ID, { kind: "answer", ephemeral: false, text: "hello" }, "k-429");
    const posts = discord.callsFor((c) => c.path === `/channels/${CHANNEL_ID}/messages`);
    expect(posts).toHaveLength(2);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it("autocompletes unions from the registry", async () => {
    const { id } = discord.interact(
      {
        id: "6",
        name: "strikes",
        type: 1,
        options: [{ name: "union", type: 3, value: "royal", focused: true }],
      },
      { type: 4 },
    );
    const cb = await callbackFor(id);
    expect(cb.type).toBe(8);
    const names = (cb.data as unknown as { choices: { value: string }[] }).choices.map(
      (c) => c.value,
    );
    expect(names).toEqual(expect.arrayContaining(["RCN", "RCM"]));
  });
});

describe("Discord command definitions from the zod options", () => {
  const defs = commandDefinitions(commands);
  it("declares typed options, subcommands and staff permissions", () => {
    const strikes = defs.find((d) => d.name === "strikes")!;
    expect(strikes.options.map((o) => o.name)).toEqual([
      "when",
      "union",
      "region",
      "sector",
      "filters",
    ]);
    expect(strikes.options.find((o) => o.name === "union")!.autocomplete).toBe(true);
    expect(
      strikes.options.find((o) => o.name === "region")!.choices!.map((c) => c.value),
    ).toContain("Wales");
    expect(strikes.default_member_permissions).toBeNull();
    const strike = defs.find((d) => d.name === "strike")!;
    expect(strike.options.map((o) => [o.name, o.type])).toEqual([
      ["add", 1],
      ["cancel", 1],
      ["suspend", 1],
      ["postpone", 1],
    ]);
    expect(strike.default_member_permissions).toBe("32");
    const umbrella = defs.find((d) => d.name === "strikewatch")!;
    expect(umbrella.options.map((o) => o.name)).toEqual(
      expect.arrayContaining(["help", "feeds", "review"]),
    );
    for (const d of defs) {
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(d.name).toMatch(/^[a-z-]{1,32}$/);
    }
  });

  it("renders any reply within the per-message limits", () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      cells: [`U${i}`, "a long workforce name here", "England, Wales"],
      source: { label: `source ${i}`, url: `https://x.example/${i}` },
    }));
    const msgs = renderDiscord({
      kind: "answer",
      ephemeral: false,
      title: "t",
      sections: [{ heading: "Mon", rows }],
    });
    expect(msgs.length).toBeLessThanOrEqual(DISCORD_LIMITS.maxMessages);
    for (const m of msgs) expect(m.embeds.length).toBeLessThanOrEqual(10);
  });
});
