import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SlackAdapter } from "../../adapters/slack/slack-adapter.ts";
import { commands } from "../../commands/index.ts";
import { SLACK_LIMITS, renderSlack } from "../../adapters/slack/render.ts";
import { manualClock } from "../../src/clock.ts";
import type { Invocation } from "../../src/command.ts";
import { isStrikewatchError } from "../../src/errors.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { article, strikeFact, user } from "../helpers/facts.ts";
import { FakeSlack, sendSlashCommand } from "../helpers/fake-slack.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const SECRET = "test-signing-secret";
const factory = sqliteFactory();
afterAll(() => factory.cleanup());

interface SlackBody {
  response_type?: string;
  text?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { text: string }[] }[];
}

const allText = (m: SlackBody) => JSON.stringify(m.blocks ?? []);

describe("Slack adapter (real Bolt app, HTTP mode, local fake Slack)", () => {
  const clock = manualClock("2023-01-12T10:00:00Z");
  let store: EventStore;
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let botUrl: string;
  const dispatched: Invocation[] = [];

  beforeEach(async () => {
    dispatched.length = 0;
    store = await factory.open(clock);
    slack = new FakeSlack();
    const apiUrl = await slack.start();
    slack.groups = { SSTAFF: ["UGROUPIE"] };
    const { dispatcher } = testDispatcher(store, clock, ["slack:USTAFF"], ["slack:SSTAFF"]);
    adapter = new SlackAdapter({
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl,
      port: 0,
      commands,
      staffGroups: ["SSTAFF"],
      logger: silentLogger,
      dispatch: (inv) => {
        dispatched.push(inv);
        return dispatcher.dispatch(inv);
      },
    });
    await adapter.start();
    botUrl = `http://127.0.0.1:${adapter.port}`;
  });
  afterEach(async () => {
    await adapter.stop();
    await slack.stop();
    await store.close();
  });

  const command = (cmd: string, text: string, userId = "UREADER") => ({
    command: cmd,
    text,
    user_id: userId,
    user_name: "reader",
    channel_id: "C1",
    team_id: "T1",
    response_url: `${slack.url}/response/1`,
    trigger_id: "1.2.3",
  });

  it("answers a correctly signed /strikes this week with Block Kit", async () => {
    await store.recordStrike(
      strikeFact({ source: user("USTAFF", "2023-01-11T09:00:00Z", "Jo"), days: ["2023-01-13"] }),
    );
    const r = await sendSlashCommand(botUrl, SECRET, command("/strikes", "this week"));
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as SlackBody;
    expect(body.response_type).toBe("in_channel");
    expect(body.blocks?.[0]).toEqual({
      type: "header",
      text: {
        type: "plain_text",
        text: "Strikes this week (Mon 9 – Sun 15 Jan 2023, Europe/London)",
        emoji: false,
      },
    });
    expect(body.blocks?.[1]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "• *Unite* ambulance workers · Wales · Fri 13 Jan" },
    });
    expect(body.blocks?.[2]).toEqual({
      type: "context",
      elements: [{ type: "mrkdwn", text: "Jo, 11 Jan" }],
    });
    expect(body.text).toBe("Strikes this week (Mon 9 – Sun 15 Jan 2023, Europe/London)");
    expect(dispatched[0]).toMatchObject({
      command: "strikes",
      text: "this week",
      caller: { platform: "slack", id: "UREADER" },
    });
  });

  it("rejects a bad signature or a replayed timestamp with 401 and runs nothing", async () => {
    const bad = await sendSlashCommand(botUrl, SECRET, command("/strikes", "this week"), {
      badSignature: true,
    });
    expect(bad.status).toBe(401);
    const old = await sendSlashCommand(botUrl, SECRET, command("/strikes", "this week"), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(old.status).toBe(401);
    expect(dispatched).toEqual([]);
  });

  it("refuses /stance from a non-staff user, privately, and changes nothing", async () => {
    const r = await sendSlashCommand(
      botUrl,
      SECRET,
      command("/stance", "GMB rejected one-off payment", "UVISITOR"),
    );
    const body = JSON.parse(r.body) as SlackBody;
    expect(body.response_type).toBe("ephemeral");
    expect(allText(body)).toContain("Only staff can use /stance");
    expect(await store.eventsAfter(0)).toEqual([]);
  });

  it("lets staff listed by user id or by Slack user group write", async () => {
    const byId = JSON.parse(
      (
        await sendSlashCommand(
          botUrl,
          SECRET,
          command("/stance", "GMB rejected one-off payment", "USTAFF"),
        )
      ).body,
    ) as SlackBody;
    expect(allText(byId)).toContain("Recorded: GMB rejected the one-off payment");
    const byGroup = JSON.parse(
      (await sendSlashCommand(botUrl, SECRET, command("/stance", "RCN in talks", "UGROUPIE"))).body,
    ) as SlackBody;
    expect(allText(byGroup)).toContain("Recorded: RCN is in talks");
    expect(slack.posts("usergroups.users.list").length).toBeGreaterThan(0);
  });

  it("maps /strikewatch subcommands onto the core commands", async () => {
    const r = JSON.parse(
      (await sendSlashCommand(botUrl, SECRET, command("/strikewatch", "feeds"))).body,
    ) as SlackBody;
    expect(allText(r)).toContain("No feeds yet");
    expect(dispatched.at(-1)).toMatchObject({ command: "feeds", text: "" });
  });

  it("paginates an answer with 200 strike days within Slack's limits", async () => {
    const unions = ["RCN", "GMB", "Unite", "Unison", "RMT", "ASLEF", "PCS", "BMA", "NEU", "CWU"];
    for (let i = 0; i < 200; i++) {
      const day = `2023-01-${String(1 + (i % 31)).padStart(2, "0")}`;
      await store.recordStrike(
        strikeFact({
          union: unions[i % unions.length]!,
          workforce: `workers group ${i}`,
          regions: ["England"],
          days: [day],
          source: article(`https://news.example/${i}`, "2023-01-01T00:00:00Z", `Story ${i}`),
        }),
      );
    }
    const r = await sendSlashCommand(botUrl, SECRET, command("/strikes", "this month"));
    const first = JSON.parse(r.body) as SlackBody;
    // Later pages follow through response_url once the acknowledgement has gone.
    await vi.waitFor(() => expect(slack.responses.length).toBeGreaterThan(0));
    const same = await testDispatcher(store, clock).ask("/strikes this month", {
      platform: "slack",
      id: "UREADER",
    });
    const pages = renderSlack(same).length;
    expect(pages).toBeGreaterThan(1);
    await vi.waitFor(() => expect(slack.responses.length + 1).toBe(pages));
    const messages = [first, ...slack.responses.map((x) => x.body as SlackBody)];
    for (const m of messages) {
      expect(m.blocks!.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(12_000);
      for (const b of m.blocks!)
        if (b.type === "section") expect(b.text!.text.length).toBeLessThanOrEqual(3000);
      for (const b of m.blocks!)
        if (b.type === "context") expect(b.elements!.length).toBeLessThanOrEqual(10);
    }
    // Every strike day is shown, or counted in the closing "+N more".
    const shown = messages
      .flatMap((m) => m.blocks!.filter((b) => b.type === "section"))
      .reduce((n, b) => n + (b.text!.text.match(/(^|\n)• /g)?.length ?? 0), 0);
    const more = Number(/\+(\d+) more not shown/.exec(messages.map(allText).join(""))?.[1] ?? 0);
    expect(shown + more).toBe(200);
  });

  it("renders feed and user text harmless: no <!channel>, <@U…> or disguised links survive", async () => {
    await store.recordStrike(
      strikeFact({
        days: ["2023-01-13"],
        source: article(
          "file:///feeds/evil.xml",
          "2023-01-11T00:00:00Z",
          "<!channel> strike <@U0ADMIN> <http://evil.test|BBC>",
        ),
      }),
    );
    await store.recordStance({
      union: "GMB",
      stance: "rejected_offer",
      about: "<!here> pay & <!everyone>",
      source: article("https://news.example/gmb", "2023-01-11T00:00:00Z", "GMB"),
    });
    const strikes = JSON.parse(
      (await sendSlashCommand(botUrl, SECRET, command("/strikes", "this week"))).body,
    ) as SlackBody;
    const disputes = JSON.parse(
      (await sendSlashCommand(botUrl, SECRET, command("/disputes", ""))).body,
    ) as SlackBody;
    const text = allText(strikes) + allText(disputes);
    expect(text).toContain("&lt;!channel&gt; strike &lt;@U0ADMIN&gt; &lt;http://evil.test|BBC&gt;");
    expect(text).toContain("&lt;!here&gt; pay &amp; &lt;!everyone&gt;");
    expect(text).not.toMatch(/<!(channel|here|everyone)>|<@U|<http:\/\/evil/);
  });

  it("maps Slack errors to the core's, in plain words", async () => {
    slack.scripted.set("chat.postMessage", [{ body: { ok: false, error: "channel_not_found" } }]);
    const reply = { kind: "answer" as const, ephemeral: false, text: "hello" };
    const err = await adapter.post("CGONE", reply).catch((e: unknown) => e);
    expect(isStrikewatchError(err) && err.code).toBe("platform_channel");
    expect((err as Error).message).toContain("cannot post in that channel (channel_not_found)");
    slack.scripted.set("chat.postMessage", [{ body: { ok: false, error: "invalid_auth" } }]);
    const auth = await adapter.post("C1", reply).catch((e: unknown) => e);
    expect(isStrikewatchError(auth) && auth.code).toBe("platform_auth");
  });
});

describe("renderSlack", () => {
  it("keeps a long single day within a section's 3,000 characters by splitting it", () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      cells: [`Union${i}`, "a workforce with a long name", "England, Wales", "planned"],
    }));
    const [m] = renderSlack({
      kind: "answer",
      ephemeral: false,
      title: "t",
      sections: [{ heading: "Mon 6 Feb", rows }],
    });
    const sections = m!.blocks.filter((b) => b.type === "section") as unknown as {
      text: { text: string };
    }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text.text.length).toBeLessThanOrEqual(3000);
  });
});

describe("renderSlack summarises what five messages cannot hold", () => {
  it("ends with +N more, counting every row left out", () => {
    const sections = Array.from({ length: 60 }, (_, d) => ({
      heading: `Day ${d}`,
      rows: Array.from({ length: 20 }, (_, i) => ({
        cells: [`U${i}`, "workers", "England", "planned"],
        source: { label: `src ${i}` },
      })),
    }));
    const pages = renderSlack({ kind: "answer", ephemeral: false, title: "Lots", sections });
    expect(pages).toHaveLength(SLACK_LIMITS.maxPages);
    const text = pages.map((p) => JSON.stringify(p.blocks)).join("");
    const shown = (text.match(/\\n• /g) ?? []).length;
    const more = Number(/\+(\d+) more not shown/.exec(text)?.[1]);
    expect(shown + more).toBe(1200);
  });
});

describe("toInvocation", () => {
  it("reads /strikewatch subcommands and unwraps Slack's link and mention markup", async () => {
    const { toInvocation } = await import("../../adapters/slack/to-invocation.ts");
    expect(
      toInvocation({
        command: "/strikewatch",
        text: "feeds add <https://news.example/rss|news.example/rss>",
        user_id: "U1",
        channel_id: "C1",
      }),
    ).toMatchObject({
      command: "feeds",
      text: "add https://news.example/rss",
    });
    expect(
      toInvocation({ command: "/strikewatch", text: "", user_id: "U1", channel_id: "C1" }).command,
    ).toBe("help");
    expect(
      toInvocation({
        command: "/strikes",
        text: "RCN <#C123|general>",
        user_id: "U1",
        channel_id: "C1",
      }).text,
    ).toBe("RCN general");
  });
});
