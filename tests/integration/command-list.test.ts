import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commandDefinitions } from "../../adapters/discord/command-definitions.ts";
import { DiscordAdapter } from "../../adapters/discord/discord-adapter.ts";
import { slackManifest, slackSlashCommands } from "../../adapters/slack/manifest.ts";
import { SlackAdapter } from "../../adapters/slack/slack-adapter.ts";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import { defineCommand, type AnyCommand } from "../../src/command.ts";
import { Dispatcher, splitCommandLine } from "../../src/dispatcher.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { ROOT } from "../helpers/cli.ts";
import { FakeDiscord } from "../helpers/fake-discord.ts";
import { FakeSlack, sendSlashCommand } from "../helpers/fake-slack.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const factory = sqliteFactory();
afterAll(() => factory.cleanup());
const clock = manualClock("2023-01-12T10:00:00Z");

/** A new command, as a developer would add one: one file's worth, and one line in the list. */
function echoCommand(name: string, placement: "top-level" | "umbrella"): AnyCommand {
  return defineCommand({
    name,
    summary: `Says back what you wrote (${name}).`,
    placement,
    usage: "<words>",
    examples: [`/${name} hello`],
    options: z.object({ words: z.string().max(100).optional().describe("What to say back") }),
    fromText: (text) => (text ? { words: text } : {}),
    needsStaff: () => false,
    run: (o) =>
      Promise.resolve({ kind: "answer", ephemeral: false, text: `${name} says: ${o.words ?? ""}` }),
  });
}

function dispatcherFor(list: readonly AnyCommand[], store: EventStore): Dispatcher {
  return new Dispatcher({
    commands: list,
    store,
    unions: new Unions(),
    clock,
    staff: { users: [], roles: [] },
    timeZone: "Europe/London",
    logger: silentLogger,
  });
}

describe("the one list of commands", () => {
  it("is what adapters/slack/manifest.yml holds (npm run slack:manifest)", () => {
    const onDisk = readFileSync(join(ROOT, "adapters/slack/manifest.yml"), "utf8");
    expect(onDisk).toBe(slackManifest(commands));
  });

  it("gives every command a unique name, a placement, and fits Slack's and Discord's limits", () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain("strikewatch");
    for (const c of commands) expect(["top-level", "umbrella"]).toContain(c.placement);
    const slack = slackSlashCommands(commands).map((c) => c.command.slice(1));
    const discord = commandDefinitions(commands).map((d) => d.name);
    // Both platforms register the same slash commands: each top-level one and the umbrella.
    expect(slack).toEqual(discord);
    expect(slack).toEqual([
      ...commands.filter((c) => c.placement === "top-level").map((c) => c.name),
      "strikewatch",
    ]);
    const umbrella = commandDefinitions(commands).find((d) => d.name === "strikewatch")!;
    expect(umbrella.options.map((o) => o.name)).toEqual(
      commands.filter((c) => c.placement === "umbrella").map((c) => c.name),
    );
  });

  it("shows each command in /help as it is typed on the platform asking", async () => {
    const store = await factory.open(clock);
    try {
      const d = dispatcherFor(commands, store);
      const help = async (platform: string) =>
        renderPlainText(
          await d.dispatch({
            ...splitCommandLine("/help"),
            caller: { platform, id: "U1" },
            channel: { platform, id: "C1" },
          }),
        );
      const slack = await help("slack");
      expect(slack).toContain("/strikewatch feeds");
      expect(slack).toContain("e.g. /strikewatch feeds add https://");
      expect(slack).toMatch(/^\/strikes$/m);
      expect(await help("console")).toMatch(/^\/feeds$/m);
    } finally {
      await store.close();
    }
  });

  describe("a command added to the list is seen by Slack and Discord", () => {
    const top = echoCommand("echo", "top-level");
    const sub = echoCommand("parrot", "umbrella");
    const list = [...commands, top, sub];

    it("is in the Slack manifest and the Discord definitions", () => {
      const manifest = slackManifest(list);
      expect(manifest).toContain("- command: /echo");
      expect(manifest).toMatch(/usage_hint: ".*parrot <words>/);
      const defs = commandDefinitions(list);
      expect(defs.find((d) => d.name === "echo")?.options.map((o) => o.name)).toEqual(["words"]);
      const umbrella = defs.find((d) => d.name === "strikewatch")!;
      expect(umbrella.options.find((o) => o.name === "parrot")?.type).toBe(1); // a subcommand
    });

    it("is answered by the real Bolt app: /echo and /strikewatch parrot", async () => {
      const store = await factory.open(clock);
      const slack = new FakeSlack();
      const apiUrl = await slack.start();
      const dispatcher = dispatcherFor(list, store);
      const adapter = new SlackAdapter({
        botToken: "xoxb-test",
        signingSecret: "secret",
        apiUrl,
        port: 0,
        commands: list,
        staffGroups: [],
        logger: silentLogger,
        dispatch: (inv) => dispatcher.dispatch(inv),
      });
      await adapter.start();
      try {
        const send = async (command: string, text: string) => {
          const r = await sendSlashCommand(`http://127.0.0.1:${adapter.port}`, "secret", {
            command,
            text,
            user_id: "U1",
            user_name: "u",
            channel_id: "C1",
            team_id: "T1",
            response_url: `${slack.url}/response/1`,
            trigger_id: "1.2.3",
          });
          expect(r.status).toBe(200);
          return r.body;
        };
        expect(await send("/echo", "hello")).toContain("echo says: hello");
        expect(await send("/strikewatch", "parrot pieces of eight")).toContain(
          "parrot says: pieces of eight",
        );
      } finally {
        await adapter.stop();
        await slack.stop();
        await store.close();
      }
    });

    it("is answered by the real discord.js client, from its generated definition", async () => {
      const store = await factory.open(clock);
      const discord = new FakeDiscord();
      const apiUrl = await discord.start();
      const dispatcher = dispatcherFor(list, store);
      const adapter = new DiscordAdapter({
        token: "bot-token",
        apiUrl,
        dispatch: (i) => dispatcher.dispatch(i),
        unions: new Unions(),
        logger: silentLogger,
      });
      await adapter.start();
      try {
        const defs = commandDefinitions(list);
        const answer = async (data: Record<string, unknown>) => {
          const { id } = discord.interact(data);
          const calls = () => discord.callsFor((c) => c.path.startsWith(`/interactions/${id}/`));
          await vi.waitFor(() => expect(calls()).toHaveLength(1));
          const body = calls()[0]!.body as { data: { embeds?: { description?: string }[] } };
          return body.data.embeds?.[0]?.description ?? "";
        };
        // The interactions Discord would send for the definitions it was given.
        const echo = defs.find((d) => d.name === "echo")!;
        expect(
          await answer({
            id: "90",
            name: echo.name,
            type: 1,
            options: [{ name: echo.options[0]!.name, type: 3, value: "hello" }],
          }),
        ).toBe("echo says: hello");
        const parrot = defs
          .find((d) => d.name === "strikewatch")!
          .options.find((o) => o.name === "parrot")!;
        expect(
          await answer({
            id: "91",
            name: "strikewatch",
            type: 1,
            options: [
              {
                name: parrot.name,
                type: parrot.type,
                options: [{ name: parrot.options![0]!.name, type: 3, value: "pieces of eight" }],
              },
            ],
          }),
        ).toBe("parrot says: pieces of eight");
      } finally {
        await adapter.stop();
        await discord.stop();
        await store.close();
      }
    });
  });
});
