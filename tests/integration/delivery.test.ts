import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscordSender } from "../../adapters/discord/discord-sender.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { SlackSender } from "../../adapters/slack/slack-sender.ts";
import { manualClock } from "../../src/clock.ts";
import { DeliveryService } from "../../src/delivery/delivery-service.ts";
import type { Sender } from "../../src/delivery/sender.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import type { Reply } from "../../src/reply.ts";
import { testDispatcher } from "../helpers/app.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { CHANNEL_ID, FakeDiscord } from "../helpers/fake-discord.ts";
import { FakeSlack } from "../helpers/fake-slack.ts";
import { sqliteFactory, storeFactories } from "../helpers/stores.ts";
import { subscription } from "../helpers/subscriptions.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());

const postsTo = (slack: FakeSlack, channel: string) =>
  slack.posts().filter((c) => c.body.channel === channel);

describe("broadcasting through the outbox (fake Slack and Discord)", () => {
  const clock = manualClock("2023-01-12T10:00:00Z");
  let store: EventStore;
  let slack: FakeSlack;
  let discord: FakeDiscord;
  let senders: Map<string, Sender>;
  let service: DeliveryService;
  let bot: ReturnType<typeof testDispatcher>;
  const inChannel = (platform: string, id: string) => ({ platform, id });

  beforeEach(async () => {
    clock.set("2023-01-12T10:00:00Z");
    store = await factory.open(clock);
    slack = new FakeSlack();
    discord = new FakeDiscord();
    const slackApi = await slack.start();
    const discordApi = await discord.start();
    senders = new Map<string, Sender>([
      ["slack", SlackSender.fromToken("xoxb", { apiUrl: slackApi, minGapMs: 0, perSecond: 0 })],
      ["discord", DiscordSender.fromToken("bot", { apiUrl: discordApi })],
    ]);
    service = new DeliveryService({
      store,
      unions: new Unions(),
      clock,
      logger: silentLogger,
      senders,
    });
    bot = testDispatcher(store, clock);
    await store.recordStrike(
      strikeFact({
        days: ["2023-01-19", "2023-01-23"],
        source: article("https://www.bbc.co.uk/news/1", "2023-01-12T09:00:00Z"),
      }),
    );
  });
  afterEach(async () => {
    await slack.stop();
    await discord.stop();
    await store.close();
  });

  /** Senders that give up on a silent platform after 300 ms (a timeout, within a test). */
  const impatientService = () =>
    new DeliveryService({
      store,
      unions: new Unions(),
      clock,
      logger: silentLogger,
      senders: new Map<string, Sender>([
        [
          "slack",
          SlackSender.fromToken("xoxb", {
            apiUrl: `${slack.url}/api/`,
            minGapMs: 0,
            timeoutMs: 300,
            logger: silentLogger,
          }),
        ],
        [
          "discord",
          DiscordSender.fromToken("bot", { apiUrl: `${discord.base}/api`, timeoutMs: 300 }),
        ],
      ]),
    });

  const subscribe = async (line: string, channel = inChannel("slack", "C1")) => {
    const r = await bot.dispatcher.dispatch({
      command: "subscribe",
      text: line,
      caller: { platform: "console", id: "operator", isOperator: true },
      channel,
    });
    expect(r.kind).toBe("confirmation");
    return r;
  };

  it("sends the morning digest once, with the week's strikes, and nothing on a second tick", async () => {
    await subscribe("digest 08:00");
    clock.set("2023-01-16T07:59:00Z");
    expect((await service.tick()).sent).toBe(0);
    clock.set("2023-01-16T08:00:00Z");
    expect((await service.tick()).sent).toBe(1);
    expect((await service.tick()).sent).toBe(0);
    const [post] = postsTo(slack, "C1");
    const text = JSON.stringify(post!.body.blocks);
    expect(post!.body.text).toBe("Strike digest, Mon 16 Jan 2023");
    expect(text).toContain("No strikes today.");
    // One line for the strike, both its days on it.
    expect(text).toContain("*Next 7 days*\\n• *Unite* ambulance workers · Wales · Thu 19 Jan");
  });

  it("lists what changed since the last digest with only each line's lead in bold", async () => {
    await subscribe("digest 08:00");
    await bot.ask("/stance GMB rejected one-off payment");
    await bot.ask("/strike cancel Unite 23 January");
    clock.set("2023-01-16T08:00:00Z");
    await service.tick();
    const text = (postsTo(slack, "C1")[0]!.body.blocks as { text?: { text: string } }[])
      .map((b) => b.text?.text ?? "")
      .find((t) => t.startsWith("*Since the last digest*"));
    expect(text).toBe(
      [
        "*Since the last digest*",
        "• *Stance:* GMB rejected the one-off payment",
        "• *Called off:* Unite strike on Mon 23 Jan 2023 is now cancelled",
      ].join("\n"),
    );
    // The strike itself: its cancelled day struck through, beside the day still on.
    expect(JSON.stringify(postsTo(slack, "C1")[0]!.body.blocks)).toContain(
      "• *Unite* ambulance workers · Wales · Thu 19 Jan, ~Mon 23 Jan~ (cancelled)",
    );
  });

  it("skips a digest missed by more than the morning, and says 'No strikes today' unless asked to skip", async () => {
    await subscribe("digest 07:30 daily");
    clock.set("2023-01-14T13:00:00Z"); // Saturday afternoon: the 07:30 slot is no longer useful
    expect(await service.tick()).toMatchObject({ sent: 0, skipped: 1 });
    clock.set("2023-01-15T07:30:00Z");
    await service.tick();
    expect(JSON.stringify(postsTo(slack, "C1")[0]!.body.blocks)).toContain("No strikes today.");
  });

  it("reminds the evening before a strike day and on the morning itself", async () => {
    await subscribe("reminders Unite");
    clock.set("2023-01-18T17:00:00Z");
    await service.tick();
    clock.set("2023-01-19T07:00:00Z");
    await service.tick();
    clock.set("2023-01-19T07:05:00Z");
    await service.tick();
    const texts = postsTo(slack, "C1").map((p) => p.body.text);
    expect(texts).toEqual([
      "Reminder: strikes tomorrow, Thu 19 Jan 2023",
      "Reminder: strikes today, Thu 19 Jan 2023",
    ]);
  });

  it("alerts a channel when staff post a stance, on Discord with no pings", async () => {
    await subscribe("alerts GMB", inChannel("discord", CHANNEL_ID));
    await bot.ask("/stance GMB rejected one-off payment");
    await bot.ask("/stance RCN in talks"); // not followed by this channel
    await service.tick();
    // An alert waits for a quiet minute, in case more changes follow.
    expect(discord.created).toHaveLength(0);
    clock.advance(60_000);
    await service.tick();
    expect(discord.created).toHaveLength(1);
    const body = discord.callsFor((c) => c.path === `/channels/${CHANNEL_ID}/messages`)[0]!
      .body as { embeds: { description: string }[]; allowed_mentions: unknown };
    expect(body.embeds[0]!.description).toBe("Stance: GMB rejected the one-off payment");
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it("does not send twice when a sender died between sending and marking (Slack reconciles, Discord's nonce)", async () => {
    await subscribe("digest 08:00");
    await subscribe("digest 08:00", inChannel("discord", CHANNEL_ID));
    clock.set("2023-01-16T08:00:00Z");
    await service.enqueueDue(clock.now());
    // The crash: claimed and sent, never marked.
    for (const item of await store.delivery.claim(clock.now(), 60_000, 10)) {
      await senders.get(item.platform)!.send(item.channelId, item.payload as never, item.key);
    }
    clock.advance(61_000); // the dead sender's lease runs out
    const report = await service.tick();
    expect(report).toMatchObject({ reconciled: 1, sent: 1 });
    expect(slack.history).toHaveLength(1);
    expect(discord.created).toHaveLength(1);
    expect((await store.delivery.outbox()).every((x) => x.state === "sent")).toBe(true);
  });

  it("rides out a 429 storm, honouring Retry-After, and delivers once", async () => {
    await subscribe("digest 08:00");
    for (let i = 0; i < 3; i++) {
      slack.scripted.set("chat.postMessage", [
        ...(slack.scripted.get("chat.postMessage") ?? []),
        {
          status: 429,
          headers: { "retry-after": "45" },
          body: { ok: false, error: "ratelimited" },
        },
      ]);
    }
    clock.set("2023-01-16T08:00:00Z");
    expect((await service.tick()).retried).toBe(1);
    const [item] = await store.delivery.outbox();
    // Slack's Retry-After, not the outbox's own backoff (30 s for a first retry).
    expect(item!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(45_000);
    // Tick whenever the outbox says the next attempt is due; never sooner than Retry-After.
    let ticks = 0;
    for (;;) {
      const [now] = await store.delivery.outbox();
      if (now!.state === "sent" || ticks > 8) break;
      expect(now!.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(45_000);
      clock.set(now!.nextAttemptAt);
      await service.tick();
      ticks++;
    }
    expect(ticks).toBeLessThanOrEqual(4);
    expect(slack.history.filter((m) => m.channel === "C1")).toHaveLength(1);
    expect((await store.delivery.outbox())[0]!.state).toBe("sent");
  });

  it("cuts off a post whose answer never comes, and the retry does not send it twice", async () => {
    // The worst timeout: the platform took the message but the answer was lost on the way.
    const hangOnce = <T>(hit: (x: T) => boolean) => {
      let fired = false;
      return (x: T) =>
        !fired && hit(x) ? ((fired = true), { hang: "after-landing" as const }) : undefined;
    };
    slack.fault = hangOnce((method: string) => method === "chat.postMessage");
    discord.fault = hangOnce((c) => c.method === "POST" && c.path.endsWith("/messages"));
    service = impatientService();
    await subscribe("digest 08:00");
    await subscribe("digest 08:00", inChannel("discord", CHANNEL_ID));
    clock.set("2023-01-16T08:00:00Z");
    const first = await service.tick();
    // Discord's client retried by itself with the same nonce; Slack's comes back to the outbox.
    expect(first).toMatchObject({ sent: 1, retried: 1 });
    const slackItem = (await store.delivery.outbox()).find((x) => x.platform === "slack")!;
    clock.set(slackItem.nextAttemptAt);
    expect(await service.tick()).toMatchObject({ sent: 0, reconciled: 1 });
    expect(slack.history.filter((m) => m.channel === "C1")).toHaveLength(1);
    expect(discord.created).toHaveLength(1);
    expect((await store.delivery.outbox()).every((x) => x.state === "sent")).toBe(true);
  });

  it("a failed look in one channel's history retries that message, not the whole tick", async () => {
    let c1Posts = 0;
    let c2Posts = 0;
    let c1Looks = 0;
    slack.fault = (method, body) => {
      if (method === "chat.postMessage" && body.channel === "C1" && c1Posts++ === 0)
        return { hang: "after-landing" };
      if (method === "chat.postMessage" && body.channel === "C2" && c2Posts++ === 0)
        return { status: 500, body: { ok: false, error: "internal_error" } };
      if (method === "conversations.history" && body.channel === "C1" && c1Looks++ === 0)
        return { status: 500, body: { ok: false, error: "internal_error" } };
      return undefined;
    };
    service = impatientService();
    await subscribe("digest 08:00");
    await subscribe("digest 08:00", inChannel("slack", "C2"));
    clock.set("2023-01-16T08:00:00Z");
    expect(await service.tick()).toMatchObject({ sent: 0, retried: 2 });
    clock.advance(30_000);
    // C1's history lookup fails: C1 waits again, and C2 still goes out in the same tick.
    expect(await service.tick()).toMatchObject({ sent: 1, retried: 1 });
    clock.advance(60_000);
    expect(await service.tick()).toMatchObject({ sent: 0, reconciled: 1 });
    expect(slack.history.map((m) => m.channel).sort()).toEqual(["C1", "C2"]);
  });

  it("finishes a long message cut off between its parts: the missing parts, none twice", async () => {
    // Too big for one Slack message: the sender splits it into parts.
    const long: Reply = {
      kind: "answer",
      ephemeral: false,
      title: "Strikes this week",
      sections: Array.from({ length: 200 }, (_, i) => ({
        heading: `Day ${i}`,
        rows: [{ cells: [`Union ${i} strike`] }],
      })),
    };
    const parts = renderSlack(long).length;
    expect(parts).toBeGreaterThan(2);
    let posts = 0;
    // The second part's post lands, but its answer never comes back.
    slack.fault = (method) =>
      method === "chat.postMessage" && ++posts === 2 ? { hang: "after-landing" } : undefined;
    const sub = await store.delivery.subscribe(
      subscription({ platform: "slack", channelId: "CLONG", kind: "alerts" }),
      await store.latestSeq(),
    );
    await store.delivery.enqueue(
      {
        key: "slack:CLONG:long",
        subscriptionId: sub.id,
        platform: "slack",
        channelId: "CLONG",
        payload: JSON.parse(JSON.stringify(long)) as Record<string, unknown>,
        state: "pending",
      },
      clock.now(),
    );
    const slow = impatientService();
    expect(await slow.deliverDue(clock.now())).toMatchObject({ sent: 0, retried: 1 });
    const waiting = (await store.delivery.outbox()).find((x) => x.key === "slack:CLONG:long")!;
    clock.set(waiting.nextAttemptAt);
    expect(await slow.deliverDue(clock.now())).toMatchObject({ sent: 1, retried: 0 });
    const landed = slack.history
      .filter((m) => m.channel === "CLONG")
      .map((m) => (m.metadata as { event_payload: { part: number } }).event_payload.part);
    expect(landed).toEqual(Array.from({ length: parts }, (_, i) => i));
  });

  it("sends changes made within a minute of each other as one alert, once", async () => {
    await subscribe("alerts", inChannel("slack", "CALERT"));
    await subscribe("alerts", inChannel("discord", CHANNEL_ID));
    // A member of staff enters 18 strikes in a hurry, a few seconds apart.
    for (let i = 0; i < 18; i++) {
      await bot.ask(`/strike add RMT rail workers ${1 + i} February`);
      clock.advance(5_000);
    }
    await service.tick(); // the last entry is 5 s old: more may follow
    expect(postsTo(slack, "CALERT")).toHaveLength(0);
    clock.advance(60_000);
    await service.tick();
    await service.tick();
    const [post, ...more] = postsTo(slack, "CALERT");
    expect(more).toEqual([]);
    expect(post!.body.text).toBe("Strike news: 18 changes");
    const blocks = JSON.stringify(post!.body.blocks);
    expect(blocks.match(/• \*(New|More days):\*/g)).toHaveLength(18);
    expect(blocks).toContain("• *New:* RMT rail workers strike on Wed 1 Feb 2023");
    expect(blocks).not.toContain("(planned)");
    expect(discord.created).toHaveLength(1);
    // A change a minute later is news of its own.
    clock.advance(120_000);
    await bot.ask("/strike cancel RMT 3 February");
    clock.advance(60_000);
    await service.tick();
    expect(postsTo(slack, "CALERT")).toHaveLength(2);
    expect(postsTo(slack, "CALERT")[1]!.body.text).toBe(
      "Called off: RMT strike on Fri 3 Feb 2023 is now cancelled",
    );
    expect(slack.invalid).toEqual([]);
  });

  it("makes the same alert under the same key when a tick dies before recording its progress", async () => {
    await subscribe("alerts", inChannel("slack", "CALERT"));
    for (let i = 0; i < 5; i++) {
      await bot.ask(`/strike add GMB ambulance workers Wales ${1 + i} March`);
      clock.advance(10_000);
    }
    clock.advance(60_000);
    const [sub] = (await store.delivery.subscriptions()).filter((s) => s.channelId === "CALERT");
    await service.enqueueDue(clock.now());
    // The crash: the alert is queued but the subscription's place in the log was not saved.
    await store.delivery.setLastEventSeq(sub!.id, sub!.lastEventSeq);
    await service.tick();
    await service.tick();
    const alerts = (await store.delivery.outbox()).filter((x) => x.channelId === "CALERT");
    expect(alerts).toHaveLength(1);
    expect(postsTo(slack, "CALERT")).toHaveLength(1);
  });

  it("dead-letters after repeated permanent failures and shows why in /subscriptions", async () => {
    await subscribe("alerts", inChannel("slack", "CGONE"));
    slack.scripted.set(
      "chat.postMessage",
      Array.from({ length: 5 }, () => ({ body: { ok: false, error: "channel_not_found" } })),
    );
    await bot.ask("/strike add RMT rail workers 20 January");
    for (let i = 0; i < 4; i++) {
      await service.tick();
      clock.advance(3600_000);
    }
    expect((await store.delivery.outbox())[0]).toMatchObject({ state: "dead" });
    const listed = await bot.dispatcher.dispatch({
      command: "subscriptions",
      text: "",
      caller: { platform: "slack", id: "U1" },
      channel: { platform: "slack", id: "CGONE" },
    });
    expect(JSON.stringify(listed)).toContain(
      "stopped: The bot cannot post in that channel (channel_not_found)",
    );
  });

  it("manages subscriptions: list, refuse bad input, unsubscribe", async () => {
    expect(
      (
        await bot.dispatcher.dispatch({
          command: "subscribe",
          text: "digest 25:00",
          caller: { platform: "console", id: "operator", isOperator: true },
          channel: inChannel("slack", "C1"),
        })
      ).text,
    ).toBe('"25:00" is not a time of day.');
    expect(
      (
        await bot.dispatcher.dispatch({
          command: "subscribe",
          text: "digest 6 Feb",
          caller: { platform: "console", id: "operator", isOperator: true },
          channel: inChannel("slack", "C1"),
        })
      ).error?.code,
    ).toBe("usage");
    expect(
      (
        await bot.dispatcher.dispatch({
          command: "subscribe",
          text: "digest",
          caller: { platform: "slack", id: "UVISITOR" },
          channel: inChannel("slack", "C1"),
        })
      ).error?.code,
    ).toBe("not_staff");
    const r = await subscribe("digest 07:30 weekdays nurses Wales");
    expect(r.text).toBe(
      "Subscribed (#1): this channel gets a digest of nurses strikes in Wales at 07:30 (Europe/London) on weekdays.",
    );
    const del = await bot.dispatcher.dispatch({
      command: "unsubscribe",
      text: "digest",
      caller: { platform: "console", id: "operator", isOperator: true },
      channel: inChannel("slack", "C1"),
    });
    expect(del.text).toBe("Unsubscribed 1 subscription.");
  });
});

describe.each(storeFactories().filter((f) => f.kind === "postgres"))(
  "two replicas on $kind",
  (factory) => {
    afterAll(() => factory.cleanup());

    it("never send the same message twice when ticking together over many slots", async () => {
      const clock = manualClock("2023-01-02T00:00:00Z");
      const a = await factory.open(clock);
      const b = await openStore(factory.location(), { clock });
      const slack = new FakeSlack();
      const api = await slack.start();
      try {
        const bot = testDispatcher(a, clock);
        for (let c = 0; c < 12; c++) {
          await bot.dispatcher.dispatch({
            command: "subscribe",
            text: "digest 08:00 daily",
            caller: { platform: "console", id: "operator", isOperator: true },
            channel: { platform: "slack", id: `C${c}` },
          });
        }
        const make = (store: EventStore) =>
          new DeliveryService({
            store,
            unions: new Unions(),
            clock,
            logger: silentLogger,
            senders: new Map([
              ["slack", SlackSender.fromToken("x", { apiUrl: api, minGapMs: 0, perSecond: 0 })],
            ]),
          });
        const [one, two] = [make(a), make(b)];
        for (let day = 2; day <= 11; day++) {
          clock.set(`2023-01-${String(day).padStart(2, "0")}T08:00:00Z`);
          await Promise.all([one.tick(), two.tick(), one.tick()]);
        }
        const posts = slack.posts();
        const perKey = new Map<string, number>();
        for (const p of posts) {
          const key = (p.body.metadata as { event_payload: { key: string } }).event_payload.key;
          perKey.set(key, (perKey.get(key) ?? 0) + 1);
        }
        expect(perKey.size).toBe(12 * 10);
        expect([...perKey.values()].every((n) => n === 1)).toBe(true);
      } finally {
        await slack.stop();
        await b.close();
        await a.close();
      }
    });
  },
);
