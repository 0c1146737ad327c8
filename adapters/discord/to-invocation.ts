import { PermissionFlagsBits } from "discord.js";
import type { Invocation } from "../../src/command.ts";
import { UMBRELLA } from "./command-definitions.ts";

/** What a chat-input interaction says, lifted out of discord.js so mapping it is a pure function. */
export interface InteractionData {
  commandName: string;
  group: string | null;
  subcommand: string | null;
  options: Record<string, string | number | boolean>;
  userId: string;
  userName?: string;
  roles: string[];
  /** The member's permissions in the channel, as Discord's bitfield string. */
  permissions: string | null;
  channelId: string;
  /** The server (guild) the command came from; null in a DM. */
  guildId: string | null;
}

/**
 * A slash command as a neutral invocation with typed options: `/strike add details:…` is the
 * `strike` command with {action: "add", details}; `/strikewatch feeds add url:…` is `feeds`.
 */
export function toInvocation(d: InteractionData): Invocation {
  let command = d.commandName;
  const options: Record<string, unknown> = { ...d.options };
  if (command === UMBRELLA) {
    command = d.group ?? d.subcommand ?? "help";
    if (d.group && d.subcommand) options.action = d.subcommand;
  } else if (d.subcommand) {
    options.action = d.subcommand;
  }
  const isAdmin =
    d.permissions !== null && (BigInt(d.permissions) & PermissionFlagsBits.ManageGuild) !== 0n;
  return {
    command,
    text: "",
    options,
    caller: {
      platform: "discord",
      id: d.userId,
      name: d.userName,
      roles: d.roles,
      isAdmin,
      ...(d.guildId ? { space: d.guildId } : {}),
    },
    channel: { platform: "discord", id: d.channelId },
  };
}
