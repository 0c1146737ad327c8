import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/logger.ts";

/** Bolt and the Web API client log through pino, at the level the bot logs at. */
export function slackLogger(logger: Logger): BoltLogger {
  const child = logger.child({ adapter: "slack" });
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(" ")),
    info: (...m: unknown[]) => child.info(m.map(String).join(" ")),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(" ")),
    error: (...m: unknown[]) => child.error(m.map(String).join(" ")),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
