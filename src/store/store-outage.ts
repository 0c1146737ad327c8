import { isStrikewatchError, StrikewatchError } from "../errors.ts";

/**
 * Whether an error means the store cannot be reached (a PostgreSQL restart, a network fault, a
 * locked SQLite file) rather than a bug: people are told to try again, not that we broke.
 */
export function isStoreOutage(e: unknown): boolean {
  if (isStrikewatchError(e)) return e.code === "store_unavailable";
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === "string" ? err.code : "";
  // Node socket errors, and PostgreSQL connection (08) and shutdown (57P) classes.
  if (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND)/.test(code) || /^(08|57P)/.test(code)) return true;
  if (code === "SQLITE_BUSY") return true;
  // node-postgres reports a connection that dropped mid-query without a code.
  const message = typeof err?.message === "string" ? err.message : "";
  return /^Connection terminated|encountered a connection error/.test(message);
}

/**
 * Whether the database refused because of who we are, not what we asked: PostgreSQL's
 * insufficient_privilege (42501), a read-only SQLite file. Trying again will not help; the
 * operator must grant the right or use another role.
 */
export function isStorePermissionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === "42501" ||
    code === "SQLITE_READONLY" ||
    code === "SQLITE_PERM" ||
    (typeof code === "string" && code.startsWith("SQLITE_READONLY_"))
  );
}

/** A permission refusal as the error people see: what was refused and who must act. */
export function storePermissionError(e: unknown): StrikewatchError {
  const reason = e instanceof Error ? e.message : String(e);
  return new StrikewatchError(
    "store_permission",
    `The strike database refused the bot (${reason}). Trying again will not help: the bot's operator must give its database role the right, or use one that has it.`,
    { cause: e },
  );
}

/** Drivers pass every database error through here: permission refusals get their own code. */
export function fromDatabaseError(e: unknown): unknown {
  return isStorePermissionError(e) ? storePermissionError(e) : e;
}
