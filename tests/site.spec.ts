import AxeBuilder from "@axe-core/playwright";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, openConsole, pilot, terminalRows, test, typeCommand } from "./fixtures";

const dist = resolve(import.meta.dirname, "..", process.env.DIST_DIR ?? "dist");

/** Every page the sitemap lists (built before the e2e run), as a path on the test server. */
function sitemapPages(): string[] {
  const urls = readdirSync(dist)
    .filter((name) => /^sitemap-\d+\.xml$/.test(name))
    .flatMap((name) => [...readFileSync(join(dist, name), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)])
    .map((m) => new URL(m[1] ?? "").pathname);
  return [...new Set(urls)].sort();
}

test.describe("pilot article in both languages", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: renders with lang, hreflang, canonical and description`, async ({ page }) => {
      await page.goto(`/${lang}/${pilot}/`);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.locator("h1")).toHaveCount(1);
      const head = page.locator("head");
      await expect(head.locator('link[rel="alternate"][hreflang="ko"]')).toHaveAttribute(
        "href",
        new RegExp(`/ko/${pilot}/$`),
      );
      await expect(head.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute(
        "href",
        new RegExp(`/en/${pilot}/$`),
      );
      await expect(head.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveCount(1);
      await expect(head.locator('link[rel="canonical"]')).toHaveAttribute(
        "href",
        new RegExp(`/${lang}/${pilot}/$`),
      );
      const description = await head.locator('meta[name="description"]').getAttribute("content");
      expect(description?.length ?? 0).toBeGreaterThan(40);
      await expect(page.locator("figure svg[role=img] title")).toHaveCount(1);
    });
  }

  test("Korean words keep their spaces (no whitespace-stripping compression)", async ({ page }) => {
    await page.goto(`/ko/${pilot}/`);
    const text = await page.locator("article").innerText();
    // Two adjacent inline elements in Korean prose must stay separated by their space.
    expect(text).toMatch(/가상 머신/);
    expect(text).not.toMatch(/가상머신\(virtual/);
  });

  test("the language switch lands on the same article", async ({ page }) => {
    await page.goto(`/ko/${pilot}/`);
    await page.getByRole("link", { name: "English" }).click();
    await expect(page).toHaveURL(new RegExp(`/en/${pilot}/$`));
    await page.getByRole("link", { name: "한국어" }).click();
    await expect(page).toHaveURL(new RegExp(`/ko/${pilot}/$`));
  });

  test("the static transcript is in the HTML, with the simulator's real output", async ({ request }) => {
    const html = await (await request.get(`/en/${pilot}/`)).text();
    expect(html).toContain("Linux lab 6.12.0-vmlab");
    const ko = await (await request.get(`/ko/${pilot}/`)).text();
    expect(ko).toContain("셸 내장 명령어");
  });
});

test.describe("series", () => {
  test("the index lists the series in order and each article links to its neighbours and the glossary", async ({
    page,
  }) => {
    for (const lang of ["ko", "en"] as const) {
      await page.goto(`/${lang}/`);
      const links = page.locator("ol.series > li > a");
      expect(await links.count()).toBeGreaterThanOrEqual(5);
      await links.first().click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/${pilot}/$`));
      const nav = page.locator("nav.series-nav");
      await expect(nav.locator('a[rel="prev"]')).toHaveCount(0);
      await nav.locator('a[rel="next"]').click();
      await expect(nav.locator('a[rel="prev"]')).toHaveAttribute("href", new RegExp(`/${lang}/${pilot}/$`));
      await nav.locator(`a[href$="/${lang}/glossary/"]`).click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/glossary/$`));
    }
  });

  test("the glossary lists every term in both languages with its article", async ({ page }) => {
    await page.goto("/ko/glossary/");
    const ko = await page.locator(".glossary .entry").count();
    await expect(page.locator("#term-shadow-page-table dfn")).toHaveText("섀도 페이지 테이블");
    await expect(page.locator("#term-shadow-page-table dt span")).toHaveText("(shadow page table)");
    await page.goto("/en/glossary/");
    expect(await page.locator(".glossary .entry").count()).toBe(ko);
    await page.locator("#term-shadow-page-table a").click();
    await expect(page).toHaveURL(/\/en\/memory-virtualization-page-tables\/$/);
  });
});

test.describe("console reference", () => {
  test("lists every command with its synopsis, in both languages", async ({ page }) => {
    await page.goto("/en/console/");
    await expect(page.locator("#cmd-ls pre")).toContainText("ls [OPTION]... [FILE]...");
    await expect(page.locator("#cmd-ls")).toContainText("List directory contents.");
    await page.goto("/ko/console/");
    await expect(page.locator("#cmd-ls")).toContainText("디렉터리 내용을 나열합니다.");
    const count = await page.locator("article.command").count();
    expect(count).toBeGreaterThan(30);
  });
});

test.describe("landing page", () => {
  test("sends a Korean browser to /ko/", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "ko-KR", baseURL: baseURL ?? "" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/ko\/$/);
    await context.close();
  });

  test("sends an English browser to /en/", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale: "en-US", baseURL: baseURL ?? "" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page).toHaveURL(/\/en\/$/);
    await context.close();
  });

  test("works as two plain links without JavaScript", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL ?? "" });
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("link", { name: "한국어" }).click();
    await expect(page).toHaveURL(/\/ko\/$/);
    await context.close();
  });
});

test.describe("console", () => {
  test("loads no JavaScript file until the console is reached", async ({ page }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(r.url());
    });
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.goto(`/en/${pilot}/`);
    await page.waitForLoadState("networkidle");
    expect(scripts).toEqual([]);
    await openConsole(page);
    expect(scripts.some((s) => s.includes("xterm"))).toBe(true);
  });

  test("typing a command shows its output", async ({ page }) => {
    await page.goto(`/en/${pilot}/`);
    await openConsole(page);
    await typeCommand(page, "nproc");
    await typeCommand(page, "uname -r");
    await expect.poll(async () => (await terminalRows(page)).includes("6.12.0-vmlab")).toBe(true);
    const rows = await terminalRows(page);
    expect(rows).toContain("4");
  });

  test("Korean typed through an IME composition is echoed once per syllable", async ({ page }) => {
    await page.goto(`/ko/${pilot}/`);
    await openConsole(page);
    const cdp = await page.context().newCDPSession(page);
    await page.keyboard.type("echo ");
    // 한 = ㅎ → 하 → 한, then 글 = ㄱ → 그 → 글: composition updates, then the committed text.
    for (const [steps, committed] of [
      [["ㅎ", "하", "한"], "한"],
      [["ㄱ", "그", "글"], "글"],
    ] as const) {
      for (const text of steps) {
        await cdp.send("Input.imeSetComposition", { text, selectionStart: 1, selectionEnd: 1 });
      }
      await cdp.send("Input.insertText", { text: committed });
    }
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await terminalRows(page)).filter((r) => r === "한글").length).toBe(1);
    const rows = await terminalRows(page);
    expect(rows.filter((r) => r.endsWith("# echo 한글")).length).toBe(1);
  });

  test("edits wide characters in the middle of a line and completes with Tab", async ({ page }) => {
    await page.goto(`/ko/${pilot}/`);
    await openConsole(page);
    await page.keyboard.insertText("echo 가나다");
    // ← once puts the cursor between 나 and 다; Backspace removes 나 (one syllable, two columns).
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await terminalRows(page)).includes("가다")).toBe(true);
    await page.keyboard.type("unam");
    await page.keyboard.press("Tab");
    await page.keyboard.type("-s");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await terminalRows(page)).includes("Linux")).toBe(true);
  });

  test("shows simulated time while a command runs", async ({ page }) => {
    await page.goto(`/en/${pilot}/`);
    await openConsole(page);
    await typeCommand(page, "sleep 30");
    await expect(page.locator("figure.console .status")).toContainText("simulated time");
    await page.keyboard.press("Control+C");
    await expect(page.locator("figure.console .status")).not.toContainText("simulated time");
  });

  test("background jobs keep running in simulated time while the prompt waits", async ({ page }) => {
    await page.goto(`/en/${pilot}/`);
    await openConsole(page);
    await typeCommand(page, "sleep 2 &");
    // At the default 5× speed, 2 simulated seconds pass in about 0.4 s of waiting at the prompt.
    await page.waitForTimeout(1500);
    await typeCommand(page, "jobs");
    await expect
      .poll(async () => (await terminalRows(page)).some((r) => /^\[1\]\+\s+Done\s+sleep 2$/.test(r)))
      .toBe(true);
  });

  test("Ctrl-C interrupts a long simulated run", async ({ page }) => {
    await page.goto(`/en/${pilot}/`);
    await openConsole(page);
    await typeCommand(page, "sleep 1000; echo not-reached");
    await page.waitForTimeout(300);
    await page.keyboard.press("Control+C");
    await typeCommand(page, "echo $?");
    await expect.poll(async () => (await terminalRows(page)).includes("130")).toBe(true);
    expect(await terminalRows(page)).not.toContain("not-reached");
  });
});

test.describe("accessibility (axe-core)", () => {
  // Every page of the sitemap in both languages (the landing page, which redirects, is checked below
  // without JavaScript), then its colour contrast once more in the dark theme.
  const pages = sitemapPages().filter((p) => p !== "/");
  test("the sitemap lists every article in both languages", () => {
    expect(pages.filter((p) => p.startsWith("/ko/")).length).toBeGreaterThanOrEqual(11);
    expect(pages.filter((p) => p.startsWith("/en/")).length).toBe(
      pages.filter((p) => p.startsWith("/ko/")).length,
    );
  });
  for (const path of [...pages, "/ko/404.html", "/en/404.html"]) {
    test(`no violations on ${path}`, async ({ page }) => {
      await page.goto(path);
      // WCAG 2.2 AA as well (target size, as Lighthouse checks it).
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
        .analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
      await page.emulateMedia({ colorScheme: "dark" });
      const dark = await new AxeBuilder({ page }).withRules(["color-contrast"]).analyze();
      expect(
        dark.violations.map((v) => `dark ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }

  test("no violations on the landing page (as read without JavaScript)", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL ?? "" });
    const page = await context.newPage();
    await page.goto("/");
    // axe injects a script, so re-enable scripting only for it by evaluating in a fresh JS context.
    const html = await page.content();
    await context.close();
    const jsContext = await browser.newContext({ baseURL: baseURL ?? "" });
    const jsPage = await jsContext.newPage();
    await jsPage.route("**/landing-under-test", (route) =>
      route.fulfill({ contentType: "text/html", body: html.replace(/<script[\s\S]*?<\/script>/g, "") }),
    );
    await jsPage.goto("/landing-under-test");
    const results = await new AxeBuilder({ page: jsPage }).analyze();
    expect(results.violations.map((v) => v.id)).toEqual([]);
    await jsContext.close();
  });
});
