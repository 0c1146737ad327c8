import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/clock.ts";
import type { EventStore } from "../../src/store/event-store.ts";
import { ROOT } from "../helpers/cli.ts";
import { PAGE_NOW, seedPageFixture, servePage } from "../helpers/page-fixture.ts";
import { sqliteFactory } from "../helpers/stores.ts";

const CHROMIUM = "/usr/bin/chromium";
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
/** `UPDATE_SCREENSHOTS=1 npx vitest run tests/integration/page-browser.test.ts` refreshes docs/. */
const DOCS = process.env.UPDATE_SCREENSHOTS === "1" ? join(ROOT, "docs", "screenshots") : null;

describe.skipIf(!existsSync(CHROMIUM))("the page in a real browser (Debian chromium)", () => {
  const factory = sqliteFactory();
  const clock = manualClock(PAGE_NOW);
  let store: EventStore;
  let web: Awaited<ReturnType<typeof servePage>>;
  let browser: Browser;

  beforeAll(async () => {
    store = await factory.open(clock);
    await seedPageFixture(store);
    web = await servePage(store, clock);
    const { chromium } = await import("playwright-core");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--lang=en-GB",
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await store?.close();
    await factory.cleanup();
  });

  /** A page with scripts off: everything must work as plain HTML forms and links. */
  async function noScript(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({
      viewport,
      javaScriptEnabled: false,
      locale: "en-GB",
    });
    return context.newPage();
  }

  it("filters with the keyboard alone, scripts off: tick unions, submit, see only those", async () => {
    const page = await noScript();
    try {
      await page.goto(`${web.base}/`);
      // The first Tab reaches the skip link, which jumps to the strikes.
      await page.keyboard.press("Tab");
      expect(await page.locator("a.skip:focus").count()).toBe(1);
      await page.keyboard.press("Enter");
      expect(page.url()).toMatch(/#strikes-h$/);
      // Open the unions, tab to RCN and GMB, tick them with Space, submit with Enter.
      await page.locator("summary", { hasText: "Unions" }).focus();
      await page.keyboard.press("Enter");
      for (const id of ["f-union-gmb", "f-union-rcn"]) {
        for (let i = 0; i < 40 && (await page.locator(`#${id}:focus`).count()) === 0; i++)
          await page.keyboard.press("Tab");
        expect(await page.locator(`#${id}:focus`).count()).toBe(1);
        await page.keyboard.press("Space");
      }
      await Promise.all([page.waitForURL(/union=GMB&union=RCN/), page.keyboard.press("Enter")]);
      const unions = await page.locator("li.strike .who strong").allTextContents();
      expect(new Set(unions)).toEqual(new Set(["RCN", "GMB"]));
      expect(await page.getAttribute("#subscribe-link", "href")).toBe(
        "webcal://strikes.example.org/calendar.ics?union=GMB&union=RCN",
      );
      expect(await page.locator("#f-union-rcn").isChecked()).toBe(true);
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it("switches to the month view and moves a month on, scripts off", async () => {
    const page = await noScript(PHONE);
    try {
      await page.goto(`${web.base}/?region=Scotland`);
      await page.check("#view-month");
      await Promise.all([page.waitForURL(/view=month/), page.click("button[type=submit]")]);
      expect(await page.locator("table.month caption").textContent()).toBe(
        "Strikes in December 2026",
      );
      // On a phone the quiet days are hidden and each strike day reads as a list item.
      const shown = await page.locator("table.month td.busy .long").allInnerTexts();
      expect(shown).toContain("Fri 4 Dec");
      expect(shown).not.toContain("Thu 3 Dec");
      await Promise.all([page.waitForURL(/from=2027-01-01/), page.click("text=Later month →")]);
      expect(await page.locator("table.month caption").textContent()).toBe(
        "Strikes in January 2027",
      );
    } finally {
      await page.context().close();
    }
  }, 60_000);

  it("filters to an area from its map tile", async () => {
    const page = await noScript();
    try {
      await page.goto(`${web.base}/`);
      await Promise.all([page.waitForURL(/region=Wales/), page.click('a.tile[data-area="wales"]')]);
      const unions = await page.locator("li.strike .who strong").allTextContents();
      expect(new Set(unions)).toEqual(new Set(["RCN", "RMT"]));
    } finally {
      await page.context().close();
    }
  }, 60_000);

  const checks = [
    ["week", "/", "desktop"],
    ["week", "/", "phone"],
    ["month", "/?view=month", "desktop"],
    ["month", "/?view=month", "phone"],
    ["error", "/?from=2026-02-31&union=RCN", "desktop"],
  ] as const;
  for (const [name, path, size] of checks) {
    const viewport = size === "desktop" ? DESKTOP : PHONE;
    {
      it(`has no serious or critical accessibility violations (axe-core): ${name}, ${size}`, async () => {
        const context = await browser.newContext({ viewport, locale: "en-GB" });
        const page = await context.newPage();
        try {
          await page.goto(`${web.base}${path}`);
          // Open every filter group so the checker sees every control.
          for (const d of await page.locator("details").all())
            await d.evaluate((el) => el.setAttribute("open", ""));
          const result = await new AxeBuilder({ page })
            .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
            .analyze();
          const bad = result.violations
            .filter((v) => v.impact === "serious" || v.impact === "critical")
            .map(
              (v) =>
                `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
            );
          expect(bad).toEqual([]);
          // The checker really ran its contrast and label rules on this page.
          const ran = [...result.passes, ...result.violations, ...result.incomplete].map(
            (r) => r.id,
          );
          expect(ran).toEqual(expect.arrayContaining(["color-contrast", "label"]));
          {
            const dir = join(ROOT, "test-artifacts");
            mkdirSync(dir, { recursive: true });
            await page.reload();
            const file = join(dir, `page-${name}-${size}.png`);
            await page.screenshot({ path: file, fullPage: true });
            if (DOCS && name !== "error") {
              mkdirSync(DOCS, { recursive: true });
              copyFileSync(file, join(DOCS, `page-${name}-${size}.png`));
            }
          }
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});
