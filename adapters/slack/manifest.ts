import { UMBRELLA_COMMAND, umbrellaSummary, type AnyCommand } from "../../src/command.ts";

// Slack's app manifest, generated from the one list of commands so the slash commands Slack
// shows can never drift from the ones the bot answers. `npm run slack:manifest` writes it to
// adapters/slack/manifest.yml; a test fails when the file is out of date.

type Listed = Pick<AnyCommand, "name" | "placement" | "summary" | "usage">;

/** Slack's limits for a slash command's description and usage hint. */
const DESCRIPTION_MAX = 100;
const USAGE_HINT_MAX = 1000;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** The bot scopes, each for one thing the bot does. */
export const SLACK_SCOPES: readonly { scope: string; why: string }[] = [
  { scope: "commands", why: "slash commands" },
  { scope: "chat:write", why: "post digests, reminders and alerts" },
  { scope: "chat:write.public", why: "post in public channels it was not invited to" },
  { scope: "channels:history", why: "find a message already sent before resending (public)" },
  { scope: "groups:history", why: "the same in private channels it was invited to" },
  { scope: "usergroups:read", why: "staff by user group (STAFF_ROLES=slack:S…)" },
  { scope: "app_mentions:read", why: "questions put to it: @strikewatch who's striking tomorrow?" },
  { scope: "im:history", why: "questions in a direct message" },
];

/** The events the bot answers, each for one thing it does. */
export const SLACK_EVENTS: readonly { event: string; why: string }[] = [
  { event: "app_home_opened", why: "the Home tab shows this week's strikes" },
  { event: "app_mention", why: "@strikewatch who's striking tomorrow in Wales?" },
  { event: "message.im", why: "questions in a direct message" },
];

export interface SlackSlashCommand {
  command: string;
  description: string;
  usage_hint: string;
}

export function slackSlashCommands(commands: readonly Listed[]): SlackSlashCommand[] {
  const umbrella = commands.filter((c) => c.placement === "umbrella");
  return [
    ...commands
      .filter((c) => c.placement === "top-level")
      .map((c) => ({
        command: `/${c.name}`,
        description: clip(c.summary, DESCRIPTION_MAX),
        usage_hint: clip(c.usage, USAGE_HINT_MAX),
      })),
    {
      command: `/${UMBRELLA_COMMAND}`,
      description: clip(umbrellaSummary(commands), DESCRIPTION_MAX),
      usage_hint: clip(
        umbrella.map((c) => (c.usage ? `${c.name} ${c.usage}` : c.name)).join("; "),
        USAGE_HINT_MAX,
      ),
    },
  ];
}

const q = (s: string) => JSON.stringify(s); // a JSON string is a YAML double-quoted scalar

/** The manifest as YAML text, exactly as adapters/slack/manifest.yml holds it. */
export function slackManifest(commands: readonly Listed[]): string {
  const lines = [
    "# Generated from commands/index.ts by `npm run slack:manifest`: edit the commands, not this file.",
    "# Create the app from this manifest (api.slack.com/apps → Create New App → From a manifest),",
    "# install it to the workspace, then put two tokens in .env:",
    "#   SLACK_BOT_TOKEN=xoxb-…   (OAuth & Permissions → Bot User OAuth Token)",
    "#   SLACK_APP_TOKEN=xapp-…   (Basic Information → App-Level Tokens, scope connections:write)",
    "# For HTTP mode instead of Socket Mode, set socket_mode_enabled: false, point each command's",
    "# url and the interactivity request_url at https://<your host>/slack/events, and set",
    "# SLACK_SIGNING_SECRET (Basic Information → Signing Secret) instead of SLACK_APP_TOKEN.",
    "display_information:",
    "  name: strikewatch",
    `  description: ${q("Which unions are striking when, from the news and from your staff.")}`,
    `  background_color: ${q("#1d3557")}`,
    "features:",
    "  app_home:",
    "    home_tab_enabled: true",
    "    messages_tab_enabled: true",
    "    messages_tab_read_only_enabled: false",
    "  bot_user:",
    "    display_name: strikewatch",
    "    always_online: true",
    "  slash_commands:",
    ...slackSlashCommands(commands).flatMap((c) => [
      `    - command: ${c.command}`,
      `      description: ${q(c.description)}`,
      `      usage_hint: ${q(c.usage_hint)}`,
      "      should_escape: false",
    ]),
    "oauth_config:",
    "  scopes:",
    "    bot:",
    ...SLACK_SCOPES.map((s) => `      - ${s.scope} # ${s.why}`),
    "settings:",
    "  event_subscriptions:",
    "    bot_events:",
    ...SLACK_EVENTS.map((e) => `      - ${e.event} # ${e.why}`),
    "  interactivity:",
    "    is_enabled: true",
    "  org_deploy_enabled: false",
    "  socket_mode_enabled: true",
    "  token_rotation_enabled: false",
  ];
  return `${lines.join("\n")}\n`;
}
