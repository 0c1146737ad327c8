import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import { Dispatcher } from "../../src/dispatcher.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import { createMetrics } from "../../src/metrics.ts";
import type { EventStore } from "../../src/store/event-store.ts";

describe("metrics: a core module handed to the services", () => {
  it("counts what the dispatcher it was handed ran, in a registry of its own", async () => {
    const metrics = await createMetrics();
    const other = await createMetrics();
    const dispatcher = new Dispatcher({
      commands,
      store: {} as EventStore,
      unions: new Unions(),
      clock: manualClock("2023-01-12T10:00:00Z"),
      staff: { users: [], roles: [] },
      timeZone: "Europe/London",
      logger: silentLogger,
      metrics,
    });
    const caller = { platform: "console", id: "x" };
    const channel = { platform: "console", id: "t" };
    await dispatcher.dispatch({ command: "help", text: "", caller, channel });
    await dispatcher.dispatch({ command: "nope", text: "", caller, channel });
    const { body, contentType } = await metrics.exposition();
    expect(contentType).toContain("text/plain");
    expect(body).toContain('strikewatch_commands_total{command="help",outcome="ok"} 1');
    expect(body).toContain(
      'strikewatch_commands_total{command="unknown",outcome="unknown_command"} 1',
    );
    expect((await other.exposition()).body).not.toContain('command="help"');
  });
});
