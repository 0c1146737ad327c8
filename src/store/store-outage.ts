import { isStrikewatchError, StrikewatchError } from "../errors.ts";

// The drivers pass every database error through fromDatabaseError: the failures that are not
// bugs (the store cannot be reached; the store refused us) become errors with their own code,
// recognised once here, so no catch site has to guess from a raw driver error.

/** What people are told while the store is unreachable (a restart, a network fault, a lock). */
export const STORE_UNAVAILABLE_MESSAGE =
  "The strike database cannot be reached right now. Please try again in a minute.";

/** A raw driver error that means the store cannot be reached, rather than a bug. */
function isRawOutage(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === "string" ? err.code : "";
  // Node socket errors, and PostgreSQL connection (08) and shutdown (57P) classes.
  if (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)/.test(code)) return true;
  if (/^(08|57P)/.test(code)) return true;
  if (code === "SQLITE_BUSY") return true;
  // node-postgres reports a connection that dropped mid-query, or a pool that could not connect
  // in time, without a code.
  const message = typeof err?.message === "string" ? err.message : "";
  return /^Connection terminated|encountered a connection error|timeout exceeded when trying to connect/.test(
    message,
  );
}

/**
 * A raw driver error that means the database refused because of who we are, not what we asked:
 * PostgreSQL's insufficient_privilege (42501), a read-only SQLite file. Trying again will not
 * help; the operator must grant the right or use another role.
 */
function isRawPermissionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === "42501" ||
    code === "SQLITE_READONLY" ||
    code === "SQLITE_PERM" ||
    (typeof code === "string" && code.startsWith("SQLITE_READONLY_"))
  );
}

/** Whether an error (from a driver) means the store cannot be reached right now. */
export function isStoreOutage(e: unknown): boolean {
  return isStrikewatchError(e) && e.code === "store_unavailable";
}

/** Drivers throw what this returns: outages and refusals with their own codes, bugs as they are. */
export function fromDatabaseError(e: unknown): unknown {
  if (isStrikewatchError(e)) return e;
  if (isRawOutage(e))
    return new StrikewatchError("store_unavailable", STORE_UNAVAILABLE_MESSAGE, { cause: e });
  if (isRawPermissionError(e)) {
    const reason = e instanceof Error ? e.message : String(e);
    return new StrikewatchError(
      "store_permission",
      `The strike database refused the bot (${reason}). Trying again will not help: the bot's operator must give its database role the right, or use one that has it.`,
      { cause: e },
    );
  }
  return e;
}
