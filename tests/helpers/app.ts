import { commands } from "../../commands/index.ts";
import type { Clock } from "../../src/clock.ts";
import type { Caller, Channel } from "../../src/command.ts";
import { Dispatcher, splitCommandLine } from "../../src/dispatcher.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import { renderPlainText } from "../../src/render/plain-text.ts";
import type { Reply } from "../../src/reply.ts";
import type { EventStore } from "../../src/store/event-store.ts";

export const OPERATOR: Caller = {
  platform: "console",
  id: "operator",
  name: "the operator",
  isOperator: true,
};
export const TERMINAL: Channel = { platform: "console", id: "terminal" };

/** The real dispatcher and commands over a given store and clock: what every adapter drives. */
export function testDispatcher(
  store: EventStore,
  clock: Clock,
  staffUsers: string[] = [],
  staffRoles: string[] = [],
  staffSpaces: string[] = [],
  opts: { publicBaseUrl?: string } = {},
) {
  const dispatcher = new Dispatcher({
    commands,
    store,
    unions: new Unions(),
    clock,
    staff: { users: staffUsers, roles: staffRoles, spaces: staffSpaces },
    timeZone: "Europe/London",
    logger: silentLogger,
    ...opts,
  });
  const ask = (
    line: string,
    caller: Caller = OPERATOR,
    channel: Channel = TERMINAL,
  ): Promise<Reply> => dispatcher.dispatch({ ...splitCommandLine(line), caller, channel });
  const say = async (line: string, caller?: Caller) => renderPlainText(await ask(line, caller));
  return { dispatcher, ask, say };
}
