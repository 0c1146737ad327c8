import type { z } from "zod";
import type { Clock } from "./clock.ts";
import {
  commandLine,
  exampleOn,
  type AnyCommand,
  type CommandContext,
  type Invocation,
} from "./command.ts";
import { cleanOutsideText, cleanOutsideValues } from "./domain/outside-text.ts";
import type { Unions } from "./domain/unions.ts";
import { StrikewatchError, isStrikewatchError } from "./errors.ts";
import { noMetrics, type Metrics } from "./metrics.ts";
import type { Logger } from "./logger.ts";
import { errorReply, type Reply } from "./reply.ts";
import { isStaff, type StaffPolicy } from "./staff.ts";
import type { EventStore } from "./store/event-store.ts";

export interface DispatcherDeps {
  commands: readonly AnyCommand[];
  store: EventStore;
  unions: Unions;
  clock: Clock;
  staff: StaffPolicy;
  timeZone: string;
  publicBaseUrl?: string;
  logger: Logger;
  /** Counts each command by name and outcome (unset: not counted). */
  metrics?: Metrics;
}

const MAX_TEXT = 2000;

/** "/strikes next week" → { command: "strikes", text: "next week" }; the slash is optional. */
export function splitCommandLine(line: string): { command: string; text: string } {
  const m = /^\s*\/?([A-Za-z][\w-]*)\s*([\s\S]*)$/.exec(line);
  if (!m) return { command: "", text: line.trim() };
  return { command: m[1]!.toLowerCase(), text: m[2]!.trim() };
}

/**
 * Runs one invocation from any adapter: finds the command, turns text or typed options into
 * validated options, checks staff rights, runs it, and turns every failure into a reply in
 * plain words. It never throws: a bad command must not take the bot down.
 */
export class Dispatcher {
  private readonly byName: Map<string, AnyCommand>;

  constructor(private readonly deps: DispatcherDeps) {
    this.byName = new Map(deps.commands.map((c) => [c.name, c]));
  }

  get commands(): readonly AnyCommand[] {
    return this.deps.commands;
  }

  async dispatch(raw: Invocation): Promise<Reply> {
    // Whatever a platform hands over is cleaned here, once, for every adapter.
    const inv = cleanInvocation(raw);
    let reply: Reply;
    try {
      reply = await this.run(inv);
    } catch (e) {
      reply = this.toReply(e, inv);
    }
    const known = this.byName.has(inv.command.replace(/^\//, "").toLowerCase());
    (this.deps.metrics ?? noMetrics).commands.inc({
      command: known ? inv.command.replace(/^\//, "").toLowerCase() : "unknown",
      outcome: reply.error?.code ?? "ok",
    });
    return reply;
  }

  private async run(inv: Invocation): Promise<Reply> {
    const name = inv.command.replace(/^\//, "").toLowerCase();
    if (name === "") {
      throw new StrikewatchError(
        "empty_command",
        "Type a command, for example /strikes this week.",
        {
          hint: "Type /help to see every command.",
        },
      );
    }
    const command = this.byName.get(name);
    if (!command) {
      throw new StrikewatchError("unknown_command", `There is no /${name} command.`, {
        hint: `Commands: ${this.deps.commands.map((c) => commandLine(c, inv.channel.platform)).join(", ")}.`,
      });
    }
    if (inv.text.length > MAX_TEXT) {
      throw new StrikewatchError(
        "usage",
        `That is too long (${inv.text.length} characters; the limit is ${MAX_TEXT}).`,
      );
    }
    const raw = inv.options ?? command.fromText(inv.text);
    const parsed = command.options.safeParse(raw);
    if (!parsed.success) throw usageError(command, parsed.error, inv.channel.platform);
    const options: unknown = parsed.data;
    const staff = isStaff(inv.caller, this.deps.staff);
    if (command.needsStaff(options) && !staff) {
      throw new StrikewatchError(
        "not_staff",
        `Only staff can use ${commandLine(command, inv.channel.platform)} ${firstWord(inv.text)}`.trim() +
          ".",
        {
          hint: "Ask a workspace admin to add you to the staff list (STAFF_USERS or STAFF_ROLES).",
        },
      );
    }
    const ctx: CommandContext = {
      store: this.deps.store,
      unions: this.deps.unions,
      clock: this.deps.clock,
      timeZone: inv.channel.timeZone ?? this.deps.timeZone,
      caller: { ...inv.caller, isStaff: staff },
      channel: inv.channel,
      publicBaseUrl: this.deps.publicBaseUrl,
      commands: this.deps.commands,
    };
    return await command.run(options, ctx);
  }

  private toReply(e: unknown, inv: Invocation): Reply {
    if (isStrikewatchError(e)) {
      // The person in the channel is told in plain words; the operator needs it in the logs too.
      if (e.kind === "store" || e.kind === "operator")
        this.deps.logger.error({ err: e, command: inv.command, code: e.code }, e.message);
      return errorReply(e.code, e.message, e.hint);
    }
    this.deps.logger.error({ err: e, command: inv.command, text: inv.text }, "command failed");
    return errorReply(
      "internal",
      "Something went wrong on our side; nothing was changed. Please try again.",
    );
  }
}

/** An invocation without control or bidi characters in anything the caller typed or is called. */
function cleanInvocation(inv: Invocation): Invocation {
  return {
    ...inv,
    text: cleanOutsideText(inv.text),
    ...(inv.options ? { options: cleanOutsideValues(inv.options) } : {}),
    caller: {
      ...inv.caller,
      ...(inv.caller.name !== undefined ? { name: cleanOutsideText(inv.caller.name) } : {}),
    },
  };
}

function firstWord(text: string): string {
  return /^\s*(add|cancel|suspend|postpone)\b/i.exec(text)?.[1]?.toLowerCase() ?? "";
}

function usageError(command: AnyCommand, error: z.ZodError, platform: string): StrikewatchError {
  const issue = error.issues[0];
  const field = issue?.path.join(".");
  const detail = issue ? `${field ? `${field}: ` : ""}${issue.message}` : "invalid options";
  const example = command.examples[0] ?? `/${command.name}`;
  return new StrikewatchError("usage", `${commandLine(command, platform)}: ${detail}.`, {
    hint: `For example: ${exampleOn(example, command, platform)}`,
  });
}
