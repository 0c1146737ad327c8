/**
 * Whether an error means the store cannot be reached (a PostgreSQL restart, a network fault, a
 * locked SQLite file) rather than a bug: people are told to try again, not that we broke.
 */
export function isStoreOutage(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const code = typeof err?.code === "string" ? err.code : "";
  // Node socket errors, and PostgreSQL connection (08) and shutdown (57P) classes.
  if (/^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND)/.test(code) || /^(08|57P)/.test(code)) return true;
  if (code === "SQLITE_BUSY") return true;
  // node-postgres reports a connection that dropped mid-query without a code.
  const message = typeof err?.message === "string" ? err.message : "";
  return /^Connection terminated|encountered a connection error/.test(message);
}
