import type { Caller } from "./command.ts";

export interface StaffPolicy {
  /** "platform:userId" */
  users: readonly string[];
  /** "platform:roleId" */
  roles: readonly string[];
}

/**
 * Staff may write facts. The console operator always may; on a platform, a listed user, a
 * member of a listed role or user group, or a space administrator (when the adapter says so).
 */
export function isStaff(caller: Caller, policy: StaffPolicy): boolean {
  if (caller.isOperator || caller.isAdmin) return true;
  if (policy.users.includes(`${caller.platform}:${caller.id}`)) return true;
  return (caller.roles ?? []).some((r) => policy.roles.includes(`${caller.platform}:${r}`));
}
