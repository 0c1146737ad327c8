import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Logs go to stderr so that stdout stays the bot's conversation (console adapter) or the
 * command's output (`strikewatch ask --json` piped into another program).
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "strikewatch" } }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: "silent" });
