import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import { storeFactories } from "../helpers/stores.ts";
import { subscription } from "../helpers/subscriptions.ts";

describe.each(storeFactories())("outbox contract: $kind", (factory) => {
  const clock = manualClock("2023-01-16T08:00:00Z");
  let store: EventStore;
  let subId: number;

  beforeEach(async () => {
    store = await factory.open(clock);
    ({ id: subId } = await store.delivery.subscribe(
      subscription({
        platform: "slack",
        channelId: "C1",
        createdBy: "slack:U1",
        createdAt: clock.now(),
      }),
      0,
    ));
    return () => store.close();
  });
  afterAll(() => factory.cleanup());

  const item = (key: string) => ({
    key,
    subscriptionId: subId,
    platform: "slack",
    channelId: "C1",
    payload: { text: key },
  });

  it("records each message once, whoever enqueues it", async () => {
    expect(await store.delivery.enqueue(item("k1"), clock.now())).toBe(true);
    expect(await store.delivery.enqueue(item("k1"), clock.now())).toBe(false);
    expect(await store.delivery.outbox()).toHaveLength(1);
  });

  it("hands each due message to one claimer, and back to another only when the lease lapses", async () => {
    for (let i = 0; i < 30; i++) await store.delivery.enqueue(item(`k${i}`), clock.now());
    const second = await openStore(factory.location(), { clock });
    try {
      const [a, b] = await Promise.all([
        store.delivery.claim(clock.now(), 60_000, 20),
        second.delivery.claim(clock.now(), 60_000, 20),
      ]);
      const keys = [...a, ...b].map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(30);
      // A claimer that died keeps its rows until the lease runs out; then they are claimable again.
      expect(await store.delivery.claim(clock.now(), 60_000, 50)).toEqual([]);
      clock.advance(61_000);
      const again = await second.delivery.claim(clock.now(), 60_000, 50);
      expect(again).toHaveLength(30);
      expect(again.every((x) => x.attempts === 2)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it("marks sent, retries later, or gives up with a reason", async () => {
    await store.delivery.enqueue(item("a"), clock.now());
    await store.delivery.enqueue(item("b"), clock.now());
    await store.delivery.enqueue(item("c"), clock.now());
    await store.delivery.claim(clock.now(), 60_000, 10);
    await store.delivery.markSent("a", ["1700000000.0001"], clock.now());
    await store.delivery.markRetry("b", "HTTP 429", new Date(clock.now().getTime() + 30_000));
    await store.delivery.markDead("c", "channel_not_found");
    expect((await store.delivery.outbox()).map((x) => [x.key, x.state, x.lastError])).toEqual([
      ["a", "sent", null],
      ["b", "pending", "HTTP 429"],
      ["c", "dead", "channel_not_found"],
    ]);
    expect(await store.delivery.claim(clock.now(), 60_000, 10)).toEqual([]);
    clock.advance(30_000);
    expect((await store.delivery.claim(clock.now(), 60_000, 10)).map((x) => x.key)).toEqual(["b"]);
  });

  it("lists, updates and removes a channel's subscriptions", async () => {
    const again = await store.delivery.subscribe(
      {
        platform: "slack",
        channelId: "C1",
        kind: "digest",
        atTime: "07:30",
        days: [1, 2, 3, 4, 5],
        timeZone: "Europe/London",
        filters: "",
        skipEmpty: true,
        createdBy: "slack:U1",
        createdAt: clock.now(),
      },
      0,
    );
    expect(again).toEqual({ id: subId, created: false });
    expect((await store.delivery.subscriptions({ channelId: "C1" }))[0]).toMatchObject({
      atTime: "07:30",
      skipEmpty: true,
    });
    expect(await store.delivery.unsubscribe("slack", "C1", { kind: "digest" })).toBe(1);
    expect(await store.delivery.subscriptions()).toEqual([]);
  });
});
