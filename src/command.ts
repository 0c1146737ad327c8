import type { z } from "zod";
import type { Clock } from "./clock.ts";
import type { Unions } from "./domain/unions.ts";
import type { Reply } from "./reply.ts";
import type { EventStore } from "./store/event-store.ts";

/** Who asked, as the platform reports them. */
export interface Caller {
  platform: string;
  id: string;
  name?: string;
  /** Platform roles or user groups, matched against STAFF_ROLES. */
  roles?: string[];
  /** The platform says this person administers the space (Discord Manage Server). */
  isAdmin?: boolean;
  /**
   * Where they asked from: the Discord server (guild) id; none in a DM. Staff rights on a
   * platform whose spaces are configured count only inside those spaces.
   */
  space?: string;
  /** The console/CLI operator: whoever runs the process is trusted. */
  isOperator?: boolean;
}

export interface Channel {
  platform: string;
  id: string;
  timeZone?: string;
}

/** One slash command as any adapter hands it over: the name, the text after it, who, where. */
export interface Invocation {
  command: string;
  text: string;
  /** Typed options (Discord); when present they are used instead of parsing `text`. */
  options?: Record<string, unknown>;
  caller: Caller;
  channel: Channel;
}

export interface CommandContext {
  store: EventStore;
  unions: Unions;
  clock: Clock;
  /** The channel's time zone (Europe/London unless configured otherwise). */
  timeZone: string;
  caller: Caller & { isStaff: boolean };
  channel: Channel;
  publicBaseUrl?: string;
  /** Every command, for /help. */
  commands: readonly AnyCommand[];
}

/**
 * Where chat platforms put a command: a slash command of its own ("top-level": /strikes), or a
 * subcommand of the one umbrella command (/strikewatch feeds). Slack's manifest, Slack's and
 * Discord's command registrations and /help all follow it; the console has no umbrella.
 */
export type Placement = "top-level" | "umbrella";

/** The umbrella slash command on Slack and Discord. */
export const UMBRELLA_COMMAND = "strikewatch";

/** Platforms that register slash commands, and so have the umbrella. */
const CHAT_PLATFORMS = new Set(["slack", "discord"]);

/** What a person types to run `command` on `platform`: "/strikes", or "/strikewatch feeds". */
export function commandLine(
  command: Pick<AnyCommand, "name" | "placement">,
  platform: string,
): string {
  return command.placement === "umbrella" && CHAT_PLATFORMS.has(platform)
    ? `/${UMBRELLA_COMMAND} ${command.name}`
    : `/${command.name}`;
}

/** An example written as "/feeds add …", as it is typed on `platform`. */
export function exampleOn(
  example: string,
  command: Pick<AnyCommand, "name" | "placement">,
  platform: string,
): string {
  const prefix = `/${command.name}`;
  return example === prefix || example.startsWith(`${prefix} `)
    ? `${commandLine(command, platform)}${example.slice(prefix.length)}`
    : example;
}

/** The umbrella's description in pickers: what it reaches, within Discord's 100 characters. */
export function umbrellaSummary(
  commands: readonly Pick<AnyCommand, "name" | "placement">[],
): string {
  const names = commands.filter((c) => c.placement === "umbrella").map((c) => c.name);
  const text = `More commands: ${names.join(", ")}`;
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`;
}

/**
 * A slash command. Its options are declared once, with zod: Discord builds typed options
 * from the schema, and free text (console, Slack) is mapped onto the same options by
 * `fromText`, so both paths meet the same validation and the same `run`.
 */
export interface Command<S extends z.ZodObject = z.ZodObject> {
  name: string;
  summary: string;
  /** A slash command of its own on Slack and Discord, or a subcommand of /strikewatch. */
  placement: Placement;
  /** What may follow the name, for command pickers (Slack's usage hint): "[when] [union]". */
  usage: string;
  examples: string[];
  options: S;
  /** Free text → raw options; validation happens after, in the dispatcher. */
  fromText(text: string): Record<string, unknown>;
  needsStaff(options: z.output<S>): boolean;
  run(options: z.output<S>, ctx: CommandContext): Promise<Reply>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any>;

export function defineCommand<S extends z.ZodObject>(command: Command<S>): Command<S> {
  return command;
}
