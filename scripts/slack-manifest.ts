// `npm run slack:manifest`: writes adapters/slack/manifest.yml from the one list of commands.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { slackManifest } from "../adapters/slack/manifest.ts";
import { commands } from "../commands/index.ts";

const path = fileURLToPath(new URL("../adapters/slack/manifest.yml", import.meta.url));
writeFileSync(path, slackManifest(commands));
console.log(`Wrote ${path} (${commands.length} commands).`);
