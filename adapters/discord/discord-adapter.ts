import {
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  type Message,
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
import { readQuestion } from "../../src/question.ts";
import type { Reply } from "../../src/reply.ts";
import { within } from "../../src/within.ts";
import { fromDiscordError } from "./discord-errors.ts";
import { DiscordSender } from "./discord-sender.ts";
import { sourcesView } from "../../src/render/sources-view.ts";
import { CUSTOM_ID, renderDiscord, type DiscordMessage } from "./render.ts";
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
 * The bot in Discord through discord.js: a gateway client, slash commands with typed options,
 * union autocomplete, buttons for row actions, and plain questions in a mention or a direct
 * message. Every message is sent with allowed mentions turned off.
 */
export class DiscordAdapter implements Adapter {
  readonly name = "discord";
  readonly client: Client;

  constructor(private readonly opts: DiscordAdapterOptions) {
    this.client = new Client({
      // Messages in servers and direct messages, for questions put to the bot. No Message
      // Content intent (privileged): Discord shows a bot the text of messages that mention it
      // and of its direct messages without it, and those are the only ones it answers.
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.DirectMessages,
      ],
      // A direct message's channel is not cached until someone writes in it.
      partials: [Partials.Channel],
      allowedMentions: { parse: [] },
      ...(opts.apiUrl ? { rest: { api: opts.apiUrl } } : {}),
    });
    this.client.on(Events.InteractionCreate, (i) => void this.onInteraction(i));
    this.client.on(Events.MessageCreate, (m) => void this.onMessage(m));
    this.client.on(Events.Error, (e) => opts.logger.error({ err: e }, "discord client error"));
  }

  private async onInteraction(i: Interaction): Promise<void> {
    try {
      if (i.isAutocomplete()) await this.autocomplete(i);
      else if (i.isChatInputCommand()) await this.command(i);
      else if (i.isButton() && i.customId.startsWith(CUSTOM_ID.sources))
        await this.button(i, CUSTOM_ID.sources, sourcesView);
      else if (i.isButton() && i.customId.startsWith(CUSTOM_ID.command))
        await this.button(i, CUSTOM_ID.command);
    } catch (e) {
      this.opts.logger.error({ err: fromDiscordError(e) }, "discord interaction failed");
    }
  }

  /** "@strikewatch who's striking tomorrow in Wales?", or a direct message: read as a command. */
  private async onMessage(m: Message): Promise<void> {
    try {
      const me = this.client.user;
      if (!me || m.author.bot) return;
      const direct = m.guildId === null;
      // A direct mention of the bot; not @everyone, a role, or a reply that merely pings it.
      if (!direct && !new RegExp(`<@!?${me.id}>`).test(m.content)) return;
      const question = m.content.replace(/^(\s*<@!?\d+>[\s,:]*)+/, "");
      const { command, text } = readQuestion(question);
      const reply = await this.opts.dispatch({
        command,
        text,
        caller: {
          platform: "discord",
          id: m.author.id,
          name: m.author.globalName ?? m.author.username,
          // Every member has the @everyone role (the guild's id): not a role anyone is given.
          roles: m.member ? [...m.member.roles.cache.keys()].filter((r) => r !== m.guildId) : [],
          isAdmin: m.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false,
          // Staff rights count only in configured servers: say which one this is.
          ...(m.guildId ? { space: m.guildId } : {}),
        },
        channel: { platform: "discord", id: m.channelId },
      });
      const [first, ...rest] = renderDiscord(reply);
      await m.reply({ ...payload(first!), allowedMentions: { parse: [], repliedUser: false } });
      for (const more of rest) {
        if (m.channel.isSendable()) await m.channel.send(payload(more));
      }
    } catch (e) {
      this.opts.logger.error({ err: fromDiscordError(e) }, "discord message answer failed");
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
    await this.answer(i, undefined, inv);
  }

  /** A button runs its command line as the person who clicked (`view` reshapes the answer). */
  private async button(
    i: ButtonInteraction,
    prefix: string,
    view?: (reply: Reply) => Reply,
  ): Promise<void> {
    const { command, text } = splitCommandLine(i.customId.slice(prefix.length));
    await this.answer(i, view, {
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
    view: ((reply: Reply) => Reply) | undefined,
    inv: Invocation,
  ): Promise<void> {
    const dispatched = this.opts.dispatch(inv);
    const pending = view ? dispatched.then((r) => (r.kind === "error" ? r : view(r))) : dispatched;
    const quick = await within(pending, this.opts.deferAfterMs ?? 1500);
    let reply = quick;
    if (!reply) {
      // Discord wants an answer within 3 s. Whether the answer is for everyone is known only
      // once it is ready, so a deferral is public unless the view is private by nature; a
      // private answer then replaces the public "thinking…" with one only the asker sees.
      await i.deferReply(view ? { flags: MessageFlags.Ephemeral } : {});
      reply = await pending;
    }
    const [first, ...rest] = renderDiscord(reply);
    const flags = reply.ephemeral ? MessageFlags.Ephemeral : undefined;
    const deferredPublic = i.deferred && !i.ephemeral;
    if (i.deferred && !(deferredPublic && reply.ephemeral)) await i.editReply(payload(first!));
    else if (i.deferred) {
      await i.deleteReply();
      await i.followUp({ ...payload(first!), flags: MessageFlags.Ephemeral });
    } else await i.reply({ ...payload(first!), ...(flags ? { flags } : {}) });
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
