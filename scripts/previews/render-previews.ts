// `npm run docs:previews`: what the bot posts in Slack and Discord for a sample week, drawn from
// its real output (renderSlack's Block Kit, renderDiscord's embeds) as HTML and screenshotted in
// headless Chromium into docs/screenshots/. They are previews of the bot's own output, not screenshots of
// Slack or Discord: the HTML imitates each app's layout, and says so on the image.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderDiscord } from "../../adapters/discord/render.ts";
import { renderSlack } from "../../adapters/slack/render.ts";
import { commands } from "../../commands/index.ts";
import { manualClock } from "../../src/clock.ts";
import type { Caller, Channel } from "../../src/command.ts";
import { composeAlert } from "../../src/delivery/compose.ts";
import { Dispatcher, splitCommandLine } from "../../src/dispatcher.ts";
import { Unions } from "../../src/domain/unions.ts";
import { silentLogger } from "../../src/logger.ts";
import { openStore } from "../../src/store/open-store.ts";
import { DISCORD_CSS, discordMessageHtml } from "./discord-html.ts";
import { SLACK_CSS, slackMessageHtml } from "./slack-html.ts";

const OUT = join(import.meta.dirname, "..", "..", "docs", "screenshots");
const NOW = "2026-12-01T09:30:00Z"; // a Tuesday: "next week" is Mon 7 – Sun 13 Dec

const clock = manualClock(NOW);
const store = await openStore(":memory:", { clock });
const bot = new Dispatcher({
  commands,
  store,
  unions: new Unions(),
  clock,
  staff: { users: ["slack:USTAFF"], roles: [] },
  timeZone: "Europe/London",
  publicBaseUrl: "https://strikes.example.org",
  logger: silentLogger,
});
const ask = (line: string, caller: Caller, channel: Channel) =>
  bot.dispatch({ ...splitCommandLine(line), caller, channel });

// A sample week, invented: two strikes from the news, two from staff, one day called off.
const news = (url: string, title: string, published: string) =>
  ({ kind: "article", url, title, published: new Date(published) }) as const;
const base = { confidence: 0.9, status: "planned" } as const;
await store.recordStrike({
  ...base,
  union: "RMT",
  workforce: "rail workers",
  sector: "rail",
  regions: ["UK"],
  days: ["2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-11"],
  source: news(
    "https://news.example/rmt-week",
    "RMT announces a week of rail strikes",
    "2026-11-30T08:00:00Z",
  ),
});
await store.recordStrike({
  ...base,
  union: "ASLEF",
  workforce: "train drivers",
  sector: "rail",
  regions: ["England"],
  days: ["2026-12-10"],
  source: news(
    "https://news.example/aslef",
    "Train drivers to walk out on Thursday",
    "2026-11-28T18:00:00Z",
  ),
});
const staff: Caller = { platform: "slack", id: "USTAFF", name: "Strike desk" };
const slackChannel: Channel = { platform: "slack", id: "C1" };
await ask("/strike add Unison London 8 December", staff, slackChannel);
await ask("/strike add RCN nurses Wales 9 and 10 December", staff, slackChannel);
const firstChange = (await store.latestSeq()) + 1;
await ask("/strike cancel RMT 9 December", staff, slackChannel);
await ask("/stance GMB rejected one-off payment", staff, slackChannel);

const reader: Caller = { platform: "slack", id: "UREADER" };
const answer = await ask("/strikes next week", reader, slackChannel);
const alert = composeAlert(await store.eventsAfter(firstChange - 1));
const discordAnswer = await ask(
  "/strikes next week",
  { platform: "discord", id: "1" },
  {
    platform: "discord",
    id: "2",
  },
);

const banner = (what: string) =>
  `<div class="banner">Preview drawn from strikewatch's own ${what} for a sample week (scripts/previews); not a screenshot of the app.</div>`;
const BANNER_CSS = `.banner { font: 12px/1.4 "DejaVu Sans", sans-serif; padding: 6px 20px; background: #fff4ce; color: #5c4a00; }`;

const slackHtml = `<!doctype html><meta charset="utf-8"><style>${SLACK_CSS}${BANNER_CSS}</style>
${banner("Block Kit output (renderSlack)")}
<div class="channel"># rota-planning</div>
${renderSlack(answer)
  .map((m) => slackMessageHtml(m.blocks, "09:30"))
  .join("\n")}
${
  alert
    ? renderSlack(alert)
        .map((m) => slackMessageHtml(m.blocks, "09:32"))
        .join("\n")
    : ""
}`;

const discordHtml = `<!doctype html><meta charset="utf-8"><style>${DISCORD_CSS}${BANNER_CSS}</style>
${banner("embed output (renderDiscord)")}
<div class="channel"># strikes</div>
${renderDiscord(discordAnswer)
  .map((m) => discordMessageHtml(m, "Today at 09:30"))
  .join("\n")}`;

// The HTML is a means, not a document: it goes where test artifacts go, for a look in a browser.
const HTML = join(import.meta.dirname, "..", "..", "test-artifacts", "previews");
mkdirSync(HTML, { recursive: true });
writeFileSync(join(HTML, "slack.html"), slackHtml);
writeFileSync(join(HTML, "discord.html"), discordHtml);

const { chromium } = await import("playwright-core");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-background-networking"],
});
try {
  for (const [name, html] of [
    ["slack", slackHtml],
    ["discord", discordHtml],
  ] as const) {
    const page = await browser.newPage({
      viewport: { width: 900, height: 400 },
      deviceScaleFactor: 1,
    });
    await page.setContent(html);
    await page.screenshot({ path: join(OUT, `${name}-preview.png`), fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await store.close();
}
console.log(
  "Wrote docs/screenshots/slack-preview.png and discord-preview.png (HTML: test-artifacts/previews/).",
);
