import { PermissionFlagsBits } from "discord.js";
import { z } from "zod";
import { UMBRELLA_COMMAND, umbrellaSummary, type AnyCommand } from "../../src/command.ts";

/** Every command placed "umbrella" in the one list is a subcommand of this one. */
export const UMBRELLA = UMBRELLA_COMMAND;

const STRING = 3;
const INTEGER = 4;
const SUB_COMMAND = 1;
const SUB_COMMAND_GROUP = 2;

export interface OptionDefinition {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  autocomplete?: boolean;
  options?: OptionDefinition[];
  max_length?: number;
}

export interface CommandDefinition {
  name: string;
  description: string;
  options: OptionDefinition[];
  default_member_permissions: string | null;
  contexts: number[];
}

interface Field {
  name: string;
  schema: z.ZodType;
  optional: boolean;
  description: string | undefined;
}

/** The fields of a command's zod options, with wrappers (optional, default) taken off. */
function fields(shape: Record<string, z.ZodType>): Field[] {
  return Object.entries(shape).map(([name, outer]) => {
    let schema: z.ZodType = outer;
    let optional = false;
    let description = outer.description;
    for (;;) {
      if (schema instanceof z.ZodOptional) optional = true;
      else if (schema instanceof z.ZodDefault) optional = true;
      else break;
      schema = (schema as z.ZodOptional<z.ZodType>).unwrap() as z.ZodType;
      description ??= schema.description;
    }
    return { name, schema, optional, description: description ?? schema.description };
  });
}

function option(f: Field): OptionDefinition {
  const base = {
    name: f.name,
    description: (f.description ?? f.name).slice(0, 100),
    required: !f.optional,
  };
  if (f.schema instanceof z.ZodEnum) {
    return {
      ...base,
      type: STRING,
      choices: (f.schema.options as string[]).slice(0, 25).map((v) => ({ name: v, value: v })),
    };
  }
  if (f.schema instanceof z.ZodNumber) return { ...base, type: INTEGER };
  return {
    ...base,
    type: STRING,
    ...(f.name === "union" ? { autocomplete: true } : {}),
    max_length: 500,
  };
}

/** Options of a command: an `action` enum becomes one subcommand per action. */
function optionsOf(command: AnyCommand, asGroup: boolean): OptionDefinition[] {
  const fs = fields(command.options.shape as Record<string, z.ZodType>);
  const action = fs.find((f) => f.name === "action" && f.schema instanceof z.ZodEnum);
  const rest = fs.filter((f) => f !== action).map(option);
  // Discord wants required options first.
  rest.sort((a, b) => Number(Boolean(b.required)) - Number(Boolean(a.required)));
  if (!action)
    return asGroup
      ? [
          {
            type: SUB_COMMAND,
            name: command.name,
            description: command.summary.slice(0, 100),
            options: rest,
          },
        ]
      : rest;
  const subs = (action.schema as z.ZodEnum).options.map((value) => ({
    type: SUB_COMMAND,
    name: String(value),
    description: `${command.name} ${String(value)}`.slice(0, 100),
    options: String(value) === "list" ? [] : rest,
  }));
  return asGroup
    ? [
        {
          type: SUB_COMMAND_GROUP,
          name: command.name,
          description: command.summary.slice(0, 100),
          options: subs,
        },
      ]
    : subs;
}

/** Staff-only for every action: hidden by default from members without Manage Server. */
function staffOnly(command: AnyCommand): boolean {
  const action = fields(command.options.shape as Record<string, z.ZodType>).find(
    (f) => f.name === "action",
  );
  const values =
    action && action.schema instanceof z.ZodEnum
      ? (action.schema.options as string[])
      : [undefined];
  return values.every((v) => command.needsStaff(v === undefined ? {} : { action: v }));
}

/**
 * Discord's command definitions, generated from the same zod options the core validates, so the
 * two cannot drift. Registered by `npm run discord:register`, never at startup.
 */
export function commandDefinitions(commands: readonly AnyCommand[]): CommandDefinition[] {
  const top = commands.filter((c) => c.placement === "top-level");
  const others = commands.filter((c) => c.placement === "umbrella");
  const guildOnly = [0];
  return [
    ...top.map((c) => ({
      name: c.name,
      description: c.summary.slice(0, 100),
      options: optionsOf(c, false),
      default_member_permissions: staffOnly(c) ? String(PermissionFlagsBits.ManageGuild) : null,
      contexts: guildOnly,
    })),
    {
      name: UMBRELLA,
      description: umbrellaSummary(commands),
      options: others.flatMap((c) => optionsOf(c, true)),
      default_member_permissions: null,
      contexts: guildOnly,
    },
  ];
}
