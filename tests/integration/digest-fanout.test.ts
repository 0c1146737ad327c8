import { afterAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import { DeliveryService } from "../../src/delivery/delivery-service.ts";
import type { Sender } from "../../src/delivery/sender.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Reply } from "../../src/reply.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { openStore } from "../../src/store/open-store.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { storeFactories } from "../helpers/stores.ts";
import { subscription } from "../helpers/subscriptions.ts";

/** The store, counting the day queries made through it: each digest composition makes two. */
function counting(store: EventStore): { store: EventStore; dayQueries: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === "strikeDays")
        return (...args: Parameters<EventStore["strikeDays"]>) => {
          n++;
          return target.strikeDays(...args);
        };
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { store: proxy, dayQueries: () => n };
}

/** A platform that records what each channel received. */
function recordingSender(platform: string): Sender & { got: Map<string, Reply[]> } {
  const got = new Map<string, Reply[]>();
  return {
    platform,
    got,
    send(channelId, reply) {
      got.set(channelId, [...(got.get(channelId) ?? []), reply]);
      return Promise.resolve([`${channelId}.${got.get(channelId)!.length}`]);
    },
  };
}

describe.each(storeFactories())("digests composed once and fanned out on $kind", (factory) => {
  afterAll(() => factory.cleanup());

  it("composes one digest for many channels with the same filters, and each channel gets it once", async () => {
    const clock = manualClock("2023-01-16T08:00:00Z"); // a Monday, digest time
    const raw = await factory.open(clock);
    const counted = counting(raw);
    try {
      await raw.recordStrike(
        strikeFact({
          days: ["2023-01-16", "2023-01-19"],
          source: article("https://news.example/1", "2023-01-12T09:00:00Z"),
        }),
      );
      const channels = Array.from({ length: 40 }, (_, i) => `C${i}`);
      for (const c of channels)
        await raw.delivery.subscribe(
          subscription({ platform: "slack", channelId: c, filters: "Wales" }),
          0,
        );
      // Another filter and another time zone each make a composition of their own.
      await raw.delivery.subscribe(
        subscription({ platform: "slack", channelId: "CRCN", filters: "RCN" }),
        0,
      );
      await raw.delivery.subscribe(
        subscription({
          platform: "slack",
          channelId: "CDUB",
          filters: "Wales",
          timeZone: "Europe/Dublin",
        }),
        0,
      );
      const slack = recordingSender("slack");
      const service = new DeliveryService({
        store: counted.store,
        unions: new Unions(),
        clock,
        logger: silentLogger,
        senders: new Map([["slack", slack]]),
      });
      const before = counted.dayQueries();
      const { enqueued } = await service.enqueueDue(clock.now());
      expect(enqueued).toBe(42);
      // Three compositions (Wales in London, RCN, Wales in Dublin) of one day query each (the
      // week ahead, today included).
      expect(counted.dayQueries() - before).toBe(3);

      // The rows point at shared copies: read back, the 40 Wales channels hold equal digests.
      const items = await raw.delivery.outbox();
      const wales = items.filter((x) => channels.includes(x.channelId));
      expect(wales).toHaveLength(40);
      for (const w of wales) expect(w.payload).toEqual(wales[0]!.payload);
      expect((wales[0]!.payload as unknown as Reply).title).toMatch(/^Strike digest/);
      expect(items.find((x) => x.channelId === "CRCN")!.payload).not.toEqual(wales[0]!.payload);

      // A second tick at the same instant adds nothing and composes nothing.
      const mid = counted.dayQueries();
      expect((await service.enqueueDue(clock.now())).enqueued).toBe(0);
      expect(counted.dayQueries()).toBe(mid);

      // Delivered: every channel once, the Wales ones the same text.
      await service.deliverDue(clock.now());
      expect(slack.got.size).toBe(42);
      for (const [, replies] of slack.got) expect(replies).toHaveLength(1);
      expect(new Set(channels.map((c) => JSON.stringify(slack.got.get(c))))).toHaveProperty(
        "size",
        1,
      );
      expect((await service.deliverDue(clock.now())).sent).toBe(0);

      // The changes are consumed with the digest: the next one reports only what is new.
      await raw.recordStrike(
        strikeFact({
          union: "RCN",
          workforce: "nurses",
          days: ["2023-01-20"],
          source: article("https://news.example/2", "2023-01-16T12:00:00Z"),
        }),
      );
      clock.set("2023-01-17T08:00:00Z");
      await service.enqueueDue(clock.now());
      const tuesday = (await raw.delivery.outbox()).filter(
        (x) => x.key.includes("2023-01-17") && channels.includes(x.channelId),
      );
      expect(tuesday).toHaveLength(40);
      const since = (tuesday[0]!.payload as unknown as Reply).sections!.find(
        (s) => s.heading === "Since the last digest",
      );
      expect(since!.rows.map((r) => r.cells.join(" "))).toEqual([
        expect.stringContaining("RCN nurses"),
      ]);
    } finally {
      await raw.close();
    }
  });

  it("keeps each channel's outbox row its own: one channel's failure is retried alone", async () => {
    const clock = manualClock("2023-01-16T08:00:00Z");
    const store = await factory.open(clock);
    try {
      for (const c of ["C1", "C2", "C3"])
        await store.delivery.subscribe(subscription({ platform: "slack", channelId: c }), 0);
      const got: string[] = [];
      let failC2 = true;
      const flaky: Sender = {
        platform: "slack",
        send(channelId) {
          if (channelId === "C2" && failC2) return Promise.reject(new Error("timeout"));
          got.push(channelId);
          return Promise.resolve([channelId]);
        },
      };
      const service = new DeliveryService({
        store,
        unions: new Unions(),
        clock,
        logger: silentLogger,
        senders: new Map([["slack", flaky]]),
      });
      await service.enqueueDue(clock.now());
      const first = await service.deliverDue(clock.now());
      expect(first).toMatchObject({ sent: 2, retried: 1 });
      failC2 = false;
      clock.advance(3600_000);
      // A second process (a restarted replica) reads the shared message from the store.
      const again = await openStore(factory.location(), { clock });
      try {
        const second = await new DeliveryService({
          store: again,
          unions: new Unions(),
          clock,
          logger: silentLogger,
          senders: new Map([["slack", flaky]]),
        }).deliverDue(clock.now());
        expect(second.sent).toBe(1);
      } finally {
        await again.close();
      }
      expect(got.sort()).toEqual(["C1", "C2", "C3"]);
    } finally {
      await store.close();
    }
  });
});
