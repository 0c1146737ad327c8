// `npm run discord:register [-- --guild <id>]`: registers the slash commands with Discord.
// Guild-scoped for development (appear at once), global for production (may take a while).
// The bot never does this at startup.
import { REST, Routes } from "discord.js";
import { commandDefinitions } from "../adapters/discord/command-definitions.ts";
import { commands } from "../commands/index.ts";
import { loadConfig } from "../src/config.ts";

const args = process.argv.slice(2);
const guild = args.includes("--guild") ? args[args.indexOf("--guild") + 1] : undefined;
const config = loadConfig();
if (!config.discord.token) {
  console.error("Set DISCORD_TOKEN (in .env or the environment) first.");
  process.exit(2);
}
const rest = new REST(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}).setToken(
  config.discord.token,
);
const app = (await rest.get(Routes.currentApplication())) as { id: string; name: string };
const body = commandDefinitions(commands);
const route = guild
  ? Routes.applicationGuildCommands(app.id, guild)
  : Routes.applicationCommands(app.id);
await rest.put(route, { body });
console.log(
  `Registered ${body.length} commands (${body.map((c) => `/${c.name}`).join(", ")}) for ${app.name} ${guild ? `in guild ${guild}` : "globally"}.`,
);
