import { describe, expect, it } from "vitest";
import type { Caller } from "../../src/command.ts";
import { isStaff, type StaffPolicy } from "../../src/staff.ts";

const OURS = "200000000000000001";
const THEIRS = "299999999999999999";
const member = (over: Partial<Caller>): Caller => ({ platform: "discord", id: "U1", ...over });

describe("who is staff", () => {
  const scoped: StaffPolicy = {
    users: ["discord:U9", "slack:U024BE7LH"],
    roles: ["discord:R1", "slack:S1"],
    spaces: [`discord:${OURS}`],
  };
  const unscoped: StaffPolicy = { users: scoped.users, roles: scoped.roles };

  it.each([
    [
      "a Manage Server admin of the configured server",
      member({ isAdmin: true, space: OURS }),
      true,
    ],
    ["a Manage Server admin of another server", member({ isAdmin: true, space: THEIRS }), false],
    ["a Manage Server admin in a DM", member({ isAdmin: true }), false],
    ["a listed user in the configured server", member({ id: "U9", space: OURS }), true],
    ["a listed user in another server", member({ id: "U9", space: THEIRS }), false],
    ["a staff role in the configured server", member({ roles: ["R1"], space: OURS }), true],
    ["a staff role id in another server", member({ roles: ["R1"], space: THEIRS }), false],
    ["anyone else in the configured server", member({ space: OURS }), false],
  ])("with DISCORD_GUILDS: %s → %s", (_what, caller, expected) => {
    expect(isStaff(caller, scoped)).toBe(expected);
  });

  it.each([
    ["a Manage Server admin of any server", member({ isAdmin: true, space: THEIRS }), false],
    ["a listed user", member({ id: "U9", space: THEIRS }), true],
    ["a staff role", member({ roles: ["R1"], space: OURS }), true],
  ])("without DISCORD_GUILDS: %s → %s", (_what, caller, expected) => {
    expect(isStaff(caller, unscoped)).toBe(expected);
  });

  it("Slack is not scoped by Discord's servers: listed users and user groups", () => {
    for (const policy of [scoped, unscoped]) {
      expect(isStaff({ platform: "slack", id: "U024BE7LH" }, policy)).toBe(true);
      expect(isStaff({ platform: "slack", id: "U2", roles: ["S1"] }, policy)).toBe(true);
      expect(isStaff({ platform: "slack", id: "U2", isAdmin: true }, policy)).toBe(false);
      expect(isStaff({ platform: "console", id: "op", isOperator: true }, policy)).toBe(true);
    }
  });
});
