import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SLACK_LIMITS, renderSlack } from "../../adapters/slack/render.ts";
import { SlackAdapter } from "../../adapters/slack/slack-adapter.ts";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { blockKitErrors } from "../helpers/block-kit.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import {
  FakeSlack,
  blockAction,
  sendInteraction,
  sendSlashCommand,
  viewSubmission,
} from "../helpers/fake-slack.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const SECRET = "test-signing-secret";
const BASE = "https://strikes.example.org";
const factory = sqliteFactory();
afterAll(() => factory.cleanup());

interface Block {
  type: string;
  text?: { text: string };
  accessory?: { type: string; options?: { text: { text: string }; value: string }[] };
  elements?: {
    type: string;
    text?: { text: string } | string;
    url?: string;
    value?: string;
    action_id?: string;
  }[];
}
interface Message {
  response_type?: string;
  text?: string;
  blocks?: Block[];
}

const sectionTexts = (m: Message) =>
  (m.blocks ?? []).filter((b) => b.type === "section").map((b) => b.text!.text);

/**
 * What each answer looks like in Slack, through the real Bolt app (HTTP mode) against the local
 * fake, which refuses blocks Slack would refuse and escapes typed text as Slack does.
 */
describe("Slack answers people can plan on", () => {
  const clock = manualClock("2026-12-01T10:00:00Z");
  let store: EventStore;
  let slack: FakeSlack;
  let adapter: SlackAdapter;
  let botUrl: string;
  let bot: ReturnType<typeof testDispatcher>;

  beforeEach(async () => {
    clock.set("2026-12-01T10:00:00Z");
    store = await factory.open(clock);
    slack = new FakeSlack();
    const apiUrl = await slack.start();
    bot = testDispatcher(store, clock, ["slack:USTAFF"], [], [], { publicBaseUrl: BASE });
    adapter = new SlackAdapter({
      botToken: "xoxb-test",
      signingSecret: SECRET,
      apiUrl,
      port: 0,
      commands,
      staffGroups: [],
      logger: (await import("../../src/logger.ts")).silentLogger,
      dispatch: (inv) => bot.dispatcher.dispatch(inv),
    });
    await adapter.start();
    botUrl = `http://127.0.0.1:${adapter.port}`;
  });
  afterEach(async () => {
    await adapter.stop();
    await slack.stop();
    await store.close();
  });

  const slash = async (command: string, text: string, userId = "UREADER"): Promise<Message> => {
    const r = await sendSlashCommand(botUrl, SECRET, {
      command,
      text,
      user_id: userId,
      user_name: userId.toLowerCase(),
      channel_id: "C1",
      team_id: "T1",
      response_url: `${slack.url}/response/1`,
      trigger_id: "1.2.3",
    });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as Message;
    // Slack refuses an acknowledgement with broken blocks just as it refuses a post.
    expect(blockKitErrors(body.blocks)).toEqual([]);
    return body;
  };

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
    await bot.ask("/strike cancel RMT 9 December", { platform: "slack", id: "USTAFF" });
  };

  it("puts a multi-day strike on one line, its called-off day struck through, 'planned' nowhere", async () => {
    await rmtWeek();
    await bot.ask("/strike add ASLEF train drivers England 10 December");
    const m = await slash("/strikes", "next week");
    expect(sectionTexts(m)).toEqual([
      [
        "• *RMT* rail workers · UK · Mon 7 – Tue 8 Dec, ~Wed 9 Dec~ (cancelled), Thu 10 – Fri 11 Dec",
        "• *ASLEF* train drivers · England · Thu 10 Dec",
      ].join("\n"),
    ]);
    expect(JSON.stringify(m.blocks)).not.toContain("planned");
  });

  it("ends a /strikes answer with Add to calendar (the filtered feed), Subscribe this channel and Sources", async () => {
    await rmtWeek();
    const m = await slash("/strikes", "RMT next week");
    const bar = m.blocks!.at(-1)!;
    expect(bar.type).toBe("actions");
    expect(bar.elements!.map((e) => (e.text as { text: string }).text)).toEqual([
      "Add to calendar",
      "Strike calendar page",
      "Subscribe this channel",
      "Sources",
    ]);
    expect(bar.elements![0]!.url).toBe(`${BASE}/calendar.ics?union=RMT`);
    expect(bar.elements![1]!.url).toBe(`${BASE}/?union=RMT`);
    expect(bar.elements![2]!.value).toBe("/subscribe digest RMT");
    expect(bar.elements![3]!.value).toBe("/strikes RMT next week");
  });

  it("shows every source behind each strike, to the one who clicked Sources", async () => {
    await rmtWeek(); // the days from the news, the call-off from staff
    const answer = await slash("/strikes", "RMT next week");
    const sources = answer.blocks!.at(-1)!.elements!.find((e) => e.value?.startsWith("/strikes"))!;
    const r = await sendInteraction(
      botUrl,
      SECRET,
      blockAction({
        user: "UREADER",
        channel: "C1",
        responseUrl: `${slack.url}/response/src`,
        action: { type: "button", action_id: sources.action_id, value: sources.value },
      }),
    );
    expect(r.status).toBe(200);
    await vi.waitFor(() => expect(slack.responses).toHaveLength(1));
    const shown = slack.responses[0]!.body as Message;
    expect(shown.response_type).toBe("ephemeral");
    const text = JSON.stringify(shown.blocks);
    expect(text).toContain(
      "*RMT rail workers · UK · Mon 7 – Tue 8 Dec, Wed 9 Dec (cancelled), Thu 10 – Fri 11 Dec*",
    );
    expect(text).toContain("• USTAFF, 1 Dec\\n• <https://news.example/rmt|news.example, 30 Nov>");
    // The answer itself cites the latest word only.
    expect(JSON.stringify(answer.blocks)).not.toContain("news.example, 30 Nov");
    expect(slack.invalid).toEqual([]);
  });

  it("subscribes the channel from the button, for staff only", async () => {
    await rmtWeek();
    const answer = await slash("/strikes", "RMT next week");
    const subscribe = answer
      .blocks!.at(-1)!
      .elements!.find((e) => e.value?.startsWith("/subscribe"))!;
    const click = (who: string, id: string) =>
      sendInteraction(
        botUrl,
        SECRET,
        blockAction({
          user: who,
          channel: "C1",
          responseUrl: `${slack.url}/response/${id}`,
          action: { type: "button", action_id: subscribe.action_id, value: subscribe.value },
        }),
      );
    await click("UREADER", "reader");
    await vi.waitFor(() => expect(slack.responses.map((x) => x.id)).toContain("reader"));
    expect(JSON.stringify(slack.responses[0]!.body)).toContain(
      "Only staff can use /strikewatch subscribe",
    );
    expect(await store.delivery.subscriptions()).toEqual([]);
    await click("USTAFF", "staff");
    await vi.waitFor(async () =>
      expect(await store.delivery.subscriptions()).toMatchObject([
        { platform: "slack", channelId: "C1", kind: "digest", filters: "RMT" },
      ]),
    );
  });

  it("gives staff a menu on each strike that cancels its days after asking, in a modal", async () => {
    await rmtWeek();
    const reader = await slash("/strikes", "next week");
    expect(reader.blocks!.some((b) => b.accessory)).toBe(false);
    const staff = await slash("/strikes", "next week", "USTAFF");
    const menu = staff.blocks!.find((b) => b.accessory?.type === "overflow")!.accessory!;
    expect(menu.options!.map((o) => o.text.text)).toEqual([
      "Cancel these days",
      "Postpone these days",
    ]);
    const cancel = menu.options![0]!;
    await sendInteraction(
      botUrl,
      SECRET,
      blockAction({
        user: "USTAFF",
        channel: "C1",
        responseUrl: `${slack.url}/response/menu`,
        action: { type: "overflow", action_id: "strikewatch_menu", selected_option: cancel },
      }),
    );
    await vi.waitFor(() => expect(slack.posts("views.open")).toHaveLength(1));
    // Nothing changes until the modal's Yes.
    const before = await bot.ask("/strikes RMT next week");
    expect(
      (before.data as { days: { status: string }[] }).days.filter((d) => d.status === "cancelled"),
    ).toHaveLength(1);
    const view = slack.posts("views.open")[0]!.body.view as Record<string, unknown>;
    expect(JSON.stringify(view)).toContain("/strike cancel RMT UK 2026-12-07 to 2026-12-11");
    const r = await sendInteraction(botUrl, SECRET, viewSubmission({ user: "USTAFF", view }));
    expect(r.status).toBe(200);
    await vi.waitFor(() => expect(slack.posts("chat.postMessage")).toHaveLength(1));
    expect(slack.posts("chat.postMessage")[0]!.body.text).toContain(
      "Marked cancelled: RMT rail workers (UK) strike on Mon 7 Dec",
    );
    const after = await bot.ask("/strikes RMT next week");
    expect(
      (after.data as { days: { status: string }[] }).days.every((d) => d.status === "cancelled"),
    ).toBe(true);
    expect(slack.invalid).toEqual([]);
  });

  it("publishes this week's strikes to the App Home tab", async () => {
    await rmtWeek();
    clock.set("2026-12-08T09:00:00Z");
    const { sendEvent } = await import("../helpers/fake-slack.ts");
    const r = await sendEvent(botUrl, SECRET, {
      type: "app_home_opened",
      user: "UREADER",
      channel: "D1",
      tab: "home",
      event_ts: "1700000000.000100",
    });
    expect(r.status).toBe(200);
    await vi.waitFor(() => expect(slack.posts("views.publish")).toHaveLength(1));
    const call = slack.posts("views.publish")[0]!.body as {
      user_id: string;
      view: { type: string; blocks: Block[] };
    };
    expect(call.user_id).toBe("UREADER");
    expect(call.view.type).toBe("home");
    expect(JSON.stringify(call.view.blocks)).toContain(
      "Strikes this week (Mon 7 – Sun 13 Dec 2026",
    );
    expect(sectionTexts({ blocks: call.view.blocks })[0]).toContain(
      "• *RMT* rail workers · UK · Mon 7 – Tue 8 Dec, ~Wed 9 Dec~ (cancelled), Thu 10 – Fri 11 Dec",
    );
    expect(slack.invalid).toEqual([]);
  });

  it("answers '@strikewatch who's striking tomorrow in Wales?' in the thread, and questions in a DM", async () => {
    await bot.ask("/strike add RCN nurses Wales 2 December");
    const { sendEvent } = await import("../helpers/fake-slack.ts");
    await sendEvent(botUrl, SECRET, {
      type: "app_mention",
      user: "UREADER",
      text: "<@UBOT> who's striking tomorrow in Wales?",
      channel: "C1",
      ts: "1700000100.000100",
      event_ts: "1700000100.000100",
    });
    await vi.waitFor(() => expect(slack.posts("chat.postMessage")).toHaveLength(1));
    const post = slack.posts("chat.postMessage")[0]!.body as unknown as Message & {
      channel: string;
      thread_ts?: string;
    };
    expect(post).toMatchObject({ channel: "C1", thread_ts: "1700000100.000100" });
    expect(post.text).toBe("Strikes in Wales tomorrow (Wed 2 Dec 2026, Europe/London)");
    expect(sectionTexts(post)[0]).toBe("• *RCN* nurses · Wales · Wed 2 Dec");

    await sendEvent(botUrl, SECRET, {
      type: "message",
      channel_type: "im",
      user: "UREADER",
      text: "strikes this week for nurses?",
      channel: "D1",
      ts: "1700000200.000100",
      event_ts: "1700000200.000100",
    });
    await vi.waitFor(() => expect(slack.posts("chat.postMessage")).toHaveLength(2));
    expect(slack.posts("chat.postMessage")[1]!.body).toMatchObject({ channel: "D1" });

    // A question it cannot read is answered to the asker alone, never to the whole channel.
    await sendEvent(botUrl, SECRET, {
      type: "app_mention",
      user: "UREADER",
      text: "<@UBOT> strikes by RNC",
      channel: "C1",
      ts: "1700000300.000100",
      event_ts: "1700000300.000100",
    });
    await vi.waitFor(() => expect(slack.posts("chat.postEphemeral")).toHaveLength(1));
    expect(slack.posts("chat.postEphemeral")[0]!.body).toMatchObject({
      channel: "C1",
      user: "UREADER",
    });
    expect(JSON.stringify(slack.posts("chat.postEphemeral")[0]!.body.blocks)).toContain(
      "Did you mean RCN",
    );
    expect(slack.posts("chat.postMessage")).toHaveLength(2);
    expect(slack.invalid).toEqual([]);
  });

  it("keeps every message within the renderer's size budget, whatever the sources' length", async () => {
    for (let i = 0; i < 60; i++) {
      await store.recordStrike(
        strikeFact({
          union: ["RCN", "GMB", "Unite", "RMT", "PCS"][i % 5]!,
          workforce: `group ${i}`,
          regions: ["England"],
          days: [`2026-12-0${1 + (i % 6)}`], // Tue 1 – Sun 6 Dec: this week
          // A headline of 3,000 characters behind an address that is not a web link, and a
          // 1,900-character web address: both have reached the store from feeds.
          source:
            i % 2
              ? article(
                  `file:///feeds/${i}.xml`,
                  "2026-11-30T00:00:00Z",
                  `${"Strike ".repeat(400)}${i}`,
                )
              : article(`https://news.example/${i}?${"q=1&".repeat(475)}`, "2026-11-30T00:00:00Z"),
        }),
      );
    }
    const first = await slash("/strikes", "this week");
    const pages = renderSlack(
      await bot.ask("/strikes this week", { platform: "slack", id: "UREADER" }),
    );
    expect(pages.length).toBeGreaterThan(1);
    await vi.waitFor(() => expect(slack.responses.length + 1).toBe(pages.length));
    const messages = [first, ...slack.responses.map((x) => x.body as Message)];
    for (const m of messages) {
      expect(JSON.stringify(m.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.charsPerMessage);
      expect(blockKitErrors(m.blocks)).toEqual([]);
    }
    const rows =
      messages
        .flatMap(sectionTexts)
        .join("\n")
        .match(/(^|\n)• /g)?.length ?? 0;
    const more = Number(/\+(\d+) more not shown/.exec(JSON.stringify(messages))?.[1] ?? 0);
    expect(rows + more).toBe(60);
  });

  it("reads &, < and > as typed: Slack sends them HTML-escaped, the bot undoes that once", async () => {
    const m = await slash("/stance", "GMB rejected pay & conditions <offer>", "USTAFF");
    expect(JSON.stringify(m.blocks)).toContain("pay &amp; conditions &lt;offer&gt;");
    expect(JSON.stringify(m.blocks)).not.toContain("&amp;amp;");
    const disputes = await bot.ask("/disputes GMB");
    expect(JSON.stringify(disputes)).toContain("pay & conditions <offer>");
  });
});
