import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SlackSender } from "../adapters/slack/slack-sender.ts";
import { systemClock } from "../src/clock.ts";
import { DeliveryService } from "../src/delivery/delivery-service.ts";
import { Unions } from "../src/domain/unions.ts";
import { silentLogger } from "../src/logger.ts";
import { openStore } from "../src/store/open-store.ts";
import { round, type Figure } from "./report.ts";

/**
 * One digest to 1,000 Slack channels through a local fake that enforces 1 message/second per
 * channel and 50/second in all, answering 429 + Retry-After when either is exceeded. The floor
 * is 1,000 / 50 = 20 s; we report the time against it, and duplicates and losses (both must be 0).
 */
export async function benchFanout(channels = 1000): Promise<Figure[]> {
  const perChannel = new Map<string, number>();
  const delivered = new Map<string, number>();
  const recent: number[] = [];
  let rejected = 0;
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const body = new URLSearchParams(raw);
      const method = (req.url ?? "").replace(/^\/api\//, "");
      if (method === "conversations.history")
        return void res
          .writeHead(200, { "content-type": "application/json" })
          .end('{"ok":true,"messages":[]}');
      const channel = body.get("channel") ?? "";
      const now = Date.now();
      while (recent.length && recent[0]! <= now - 1000) recent.shift();
      if ((perChannel.get(channel) ?? 0) > now - 1000 || recent.length >= 50) {
        rejected++;
        return void res
          .writeHead(429, { "retry-after": "1", "content-type": "application/json" })
          .end('{"ok":false,"error":"ratelimited"}');
      }
      perChannel.set(channel, now);
      recent.push(now);
      delivered.set(channel, (delivered.get(channel) ?? 0) + 1);
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(`{"ok":true,"channel":"${channel}","ts":"${now}.0001"}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  const dir = mkdtempSync(join(tmpdir(), "strikewatch-fanout-"));
  const store = await openStore(join(dir, "fanout.db"), { clock: systemClock });
  try {
    const slot = new Date("2023-01-16T08:00:00Z");
    for (let c = 0; c < channels; c++) {
      await store.delivery.subscribe(
        {
          platform: "slack",
          channelId: `C${c}`,
          kind: "digest",
          atTime: "08:00",
          days: [1, 2, 3, 4, 5],
          timeZone: "Europe/London",
          filters: "",
          skipEmpty: false,
          createdBy: "bench",
          createdAt: new Date("2023-01-01T00:00:00Z"),
        },
        0,
      );
    }
    const service = new DeliveryService({
      store,
      unions: new Unions(),
      clock: systemClock,
      logger: silentLogger,
      senders: new Map([["slack", SlackSender.fromToken("xoxb-bench", { apiUrl: api })]]),
    });
    await service.enqueueDue(slot);
    const t0 = performance.now();
    for (let round = 0; round < 200; round++) {
      await service.deliverDue(new Date());
      if ((await store.delivery.outbox({ state: "pending" })).length === 0) break;
      await new Promise((r) => setTimeout(r, 200)); // wait for retries to come due
    }
    const seconds = (performance.now() - t0) / 1000;
    const floor = channels / 50;
    const duplicates = [...delivered.values()].reduce((n, v) => n + Math.max(0, v - 1), 0);
    const lost = channels - delivered.size;
    return [
      {
        name: "fanout.1000_channels.ratio_to_floor",
        value: round(seconds / floor, 3),
        unit: "ratio",
        seconds: round(seconds, 2),
        floor_s: floor,
        rejected_429: rejected,
      },
      { name: "fanout.1000_channels.duplicates", value: duplicates, unit: "count" },
      { name: "fanout.1000_channels.lost", value: lost, unit: "count" },
    ];
  } finally {
    await store.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
