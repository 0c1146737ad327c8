import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from "discord.js";
import type { Adapter } from "../../src/adapter.ts";
import type { Invocation } from "../../src/command.ts";
import { splitCommandLine } from "../../src/dispatcher.ts";
import type { Unions } from "../../src/domain/unions.ts";
import type { Logger } from "../../src/logger.ts";
import type { Reply } from "../../src/reply.ts";
import { within } from "../../src/within.ts";
import { fromDiscordError } from "./discord-errors.ts";
import { DiscordSender } from "./discord-sender.ts";
import { renderDiscord, type DiscordMessage } from "./render.ts";
import { toInvocation } from "./to-invocation.ts";

export interface DiscordAdapterOptions {
  token: string;
  /** REST base (a rate-limit proxy, or a local fake in tests); discord.js adds /v10. */
  apiUrl?: string;
  dispatch(inv: Invocation): Promise<Reply>;
  unions: Unions;
  logger: Logger;
  /** Answer at once when ready this fast; otherwise defer first (Discord allows 3 s). */
  deferAfterMs?: number;
}

/** Role ids of the member who interacted (a cached GuildMember, or the raw API member). */
function memberRoles(i: { member: unknown }): string[] {
  const roles = (i.member as { roles?: unknown } | null)?.roles;
  if (Array.isArray(roles)) return roles.map(String);
  const cache = (roles as { cache?: Map<string, unknown> } | undefined)?.cache;
  return cache ? [...cache.keys()] : [];
}

const payload = (m: DiscordMessage) => ({
  embeds: m.embeds,
  components: m.components ?? [],
  allowedMentions: { parse: [] },
});

/**
 * The bot in Discord through discord.js: a gateway client with the Guilds intent only, slash
 * commands with typed options, union autocomplete, buttons for row actions. Every message is
 * sent with allowed mentions turned off.
 */
export class DiscordAdapter implements Adapter {
  readonly name = "discord";
  readonly client: Client;

  constructor(private readonly opts: DiscordAdapterOptions) {
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      allowedMentions: { parse: [] },
      ...(opts.apiUrl ? { rest: { api: opts.apiUrl } } : {}),
    });
    this.client.on(Events.InteractionCreate, (i) => void this.onInteraction(i));
    this.client.on(Events.Error, (e) => opts.logger.error({ err: e }, "discord client error"));
  }

  private async onInteraction(i: Interaction): Promise<void> {
    try {
      if (i.isAutocomplete()) await this.autocomplete(i);
      else if (i.isChatInputCommand()) await this.command(i);
      else if (i.isButton() && i.customId.startsWith("sw:")) await this.button(i);
    } catch (e) {
      this.opts.logger.error({ err: fromDiscordError(e) }, "discord interaction failed");
    }
  }

  private async command(i: ChatInputCommandInteraction): Promise<void> {
    const options: Record<string, string | number | boolean> = {};
    for (const o of i.options.data.flatMap((x) =>
      x.options ? x.options.flatMap((y) => y.options ?? [y]) : [x],
    )) {
      if (o.value !== undefined && o.value !== null) options[o.name] = o.value;
    }
    const roles = memberRoles(i);
    const inv = toInvocation({
      commandName: i.commandName,
      group: i.options.getSubcommandGroup(false),
      subcommand: i.options.getSubcommand(false),
      options,
      userId: i.user.id,
      userName: i.user.globalName ?? i.user.username,
      roles,
      permissions: i.memberPermissions ? i.memberPermissions.bitfield.toString() : null,
      channelId: i.channelId,
      guildId: i.guildId,
    });
    await this.answer(i, inv);
  }

  private async button(i: ButtonInteraction): Promise<void> {
    const { command, text } = splitCommandLine(i.customId.slice(3));
    await this.answer(i, {
      command,
      text,
      caller: {
        platform: "discord",
        id: i.user.id,
        roles: memberRoles(i),
        isAdmin: i.memberPermissions?.has("ManageGuild") ?? false,
        ...(i.guildId ? { space: i.guildId } : {}),
      },
      channel: { platform: "discord", id: i.channelId },
    });
  }

  private async answer(
    i: ChatInputCommandInteraction | ButtonInteraction,
    inv: Invocation,
  ): Promise<void> {
    const pending = this.opts.dispatch(inv);
    const quick = await within(pending, this.opts.deferAfterMs ?? 1500);
    let reply = quick;
    if (!reply) {
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      reply = await pending;
    }
    const [first, ...rest] = renderDiscord(reply);
    const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
    if (i.deferred) await i.editReply(payload(first!));
    else await i.reply({ ...payload(first!), ...(flags ? { flags } : {}) });
    for (const m of rest) await i.followUp({ ...payload(m), ...(flags ? { flags } : {}) });
  }

  private async autocomplete(i: AutocompleteInteraction): Promise<void> {
    const typed = String(i.options.getFocused() ?? "").toLowerCase();
    const choices = this.opts.unions
      .all()
      .filter(
        (u) =>
          !typed ||
          u.name.toLowerCase().startsWith(typed) ||
          u.fullName.toLowerCase().includes(typed),
      )
      .slice(0, 25)
      .map((u) => ({
        name: u.fullName === u.name ? u.name : `${u.name} (${u.fullName})`.slice(0, 100),
        value: u.name,
      }));
    await i.respond(choices);
  }

  /** Posts to a channel (broadcasts) through the REST queue, with a nonce from `key`. */
  post(channelId: string, reply: Reply, key: string): Promise<string[]> {
    return new DiscordSender(this.client.rest).send(channelId, reply, key);
  }

  async start(): Promise<void> {
    await this.client.login(this.opts.token);
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
