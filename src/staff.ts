import type { Caller } from "./command.ts";

export interface StaffPolicy {
  /** "platform:userId" */
  users: readonly string[];
  /** "platform:roleId" */
  roles: readonly string[];
  /**
   * "platform:spaceId" (Discord guilds, from DISCORD_GUILDS): on a platform with spaces listed,
   * staff rights count only for commands from those spaces, and a space administrator is staff
   * only there. On a platform with none listed, administrators are not staff at all.
   */
  spaces?: readonly string[];
}

/**
 * Staff may write facts. The console operator always may. On a platform: a listed user, a
 * member of a listed role or user group, or an administrator of a listed space (Discord
 * Manage Server in a guild named in DISCORD_GUILDS). The bot's store is shared by every
 * server it is in, so being an administrator of just any server it was invited to cannot
 * count: anyone can create a Discord server and invite the bot.
 */
export function isStaff(caller: Caller, policy: StaffPolicy): boolean {
  if (caller.isOperator) return true;
  const spaces = (policy.spaces ?? []).filter((s) => s.startsWith(`${caller.platform}:`));
  if (spaces.length > 0) {
    const here =
      caller.space !== undefined && spaces.includes(`${caller.platform}:${caller.space}`);
    if (!here) return false;
    if (caller.isAdmin) return true;
  }
  if (policy.users.includes(`${caller.platform}:${caller.id}`)) return true;
  return (caller.roles ?? []).some((r) => policy.roles.includes(`${caller.platform}:${r}`));
}
