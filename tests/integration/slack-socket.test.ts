import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SlackAdapter } from "../../adapters/slack/slack-adapter.ts";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import { silentLogger } from "../../src/logger.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { testDispatcher } from "../helpers/app.ts";
import { blockKitErrors } from "../helpers/block-kit.ts";
import { article, strikeFact } from "../helpers/facts.ts";
import { FakeSlack, blockAction, slackEscape } from "../helpers/fake-slack.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());

interface Blocks {
  blocks?: { type: string; text?: { text: string } }[];
  response_type?: string;
}

/**
 * Socket Mode, the usual way to run a self-hosted app without a public address: the real Bolt
 * SocketModeReceiver asks the fake's apps.connections.open (with the app-level token) for a
 * ws://127.0.0.1 address, connects, and takes slash commands and clicks as envelopes.
 */
describe("Slack in Socket Mode (real Bolt SocketModeReceiver, local fake)", () => {
  const clock = manualClock("2026-12-01T10:00:00Z");
  let store: EventStore;
  let slack: FakeSlack;
  let adapter: SlackAdapter;

  beforeEach(async () => {
    store = await factory.open(clock);
    slack = new FakeSlack();
    const apiUrl = await slack.start();
    const { dispatcher } = testDispatcher(store, clock, ["slack:USTAFF"]);
    adapter = new SlackAdapter({
      botToken: "xoxb-test",
      appToken: "xapp-1-test",
      apiUrl,
      port: 0,
      commands,
      staffGroups: [],
      logger: silentLogger,
      dispatch: (inv) => dispatcher.dispatch(inv),
    });
    await adapter.start();
    await slack.socketReady;
  });
  afterEach(async () => {
    await adapter.stop();
    await slack.stop();
    await store.close();
  });

  it("opens its connection through the configured Web API with the app-level token", () => {
    const opened = slack.posts("apps.connections.open");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.headers.authorization).toBe("Bearer xapp-1-test");
  });

  it("answers a slash command on its acknowledgement, and a button through response_url", async () => {
    await store.recordStrike(
      strikeFact({
        union: "RMT",
        workforce: "rail workers",
        sector: "rail",
        regions: ["UK"],
        days: ["2026-12-07", "2026-12-08", "2026-12-09"],
        source: article("https://news.example/rmt", "2026-11-30T08:00:00Z"),
      }),
    );
    const acked = (await slack.socketSend("slash_commands", {
      command: "/strikes",
      text: slackEscape("next week"),
      user_id: "UREADER",
      user_name: "reader",
      channel_id: "C1",
      team_id: "T1",
      api_app_id: "A1",
      response_url: `${slack.url}/response/socket`,
      trigger_id: "1.2.3",
    })) as Blocks;
    expect(acked.response_type).toBe("in_channel");
    expect(blockKitErrors(acked.blocks)).toEqual([]);
    expect(acked.blocks!.find((b) => b.type === "section")!.text!.text).toBe(
      "• *RMT* rail workers · UK · Mon 7 – Wed 9 Dec",
    );

    // Staff click "Cancel" on a button that runs a command: the answer comes via response_url.
    const clickAck = await slack.socketSend(
      "interactive",
      blockAction({
        user: "USTAFF",
        channel: "C1",
        responseUrl: `${slack.url}/response/click`,
        action: {
          type: "button",
          action_id: "strikewatch_command_0",
          value: "/strike cancel RMT 2026-12-08",
          text: { type: "plain_text", text: "Cancel" },
        },
      }),
    );
    expect(clickAck).toEqual({});
    await vi.waitFor(() => expect(slack.responses.map((r) => r.id)).toEqual(["click"]));
    expect(JSON.stringify(slack.responses[0]!.body)).toContain(
      "Marked cancelled: RMT rail workers (UK) strike on Tue 8 Dec 2026.",
    );
    const days = await store.strikeDays({ from: "2026-12-07", to: "2026-12-09" });
    expect(days.map((d) => d.status)).toEqual(["planned", "cancelled", "planned"]);
    expect(slack.invalid).toEqual([]);
  });
});
