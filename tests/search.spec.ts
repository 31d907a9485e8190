import AxeBuilder from "@axe-core/playwright";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, openConsole, pilot, test } from "./fixtures";

/**
 * Site search (Pagefind, one index per language, Korean stems): opening it, what it finds in each
 * language, what it must not find, its keys and focus, axe, and the same search under a sub-path.
 */

const dist = resolve(import.meta.dirname, "..", process.env.DIST_DIR ?? "dist");
/** The sub-path build (npm run build:subpath), served on E2E_PORT + 7 (playwright.config.ts). */
const subpath = {
  base: "/courses/os/vm/",
  origin: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4329) + 7}`,
};
/** An article without a console: opening search there is the only thing that can load a script. */
const glossary = "glossary";

const dialog = (page: Page): Locator => page.locator("dialog[data-search-dialog]");
const input = (page: Page): Locator => page.getByRole("searchbox");
const results = (page: Page): Locator => page.locator("[data-search-results] > li");

/** Types a query and waits until the dialog reports its outcome (a count or "no match"). */
async function search(page: Page, query: string): Promise<string[]> {
  await input(page).fill(query);
  const status = dialog(page).getByRole("status");
  await expect(status).toContainText(query.trim(), { timeout: 15_000 });
  return results(page)
    .locator("a")
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** The words Pagefind marked in the excerpts, as shown to the reader. */
async function markedWords(page: Page): Promise<string[]> {
  return results(page)
    .locator("mark")
    .evaluateAll((marks) => marks.map((m) => (m.textContent ?? "").replace(/[\p{P}\p{S}]+$/u, "")));
}

test.describe("opening and closing", () => {
  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: the button, / and Ctrl-K open the dialog; Esc closes it and focus returns`, async ({
      page,
    }) => {
      await page.goto(`/${lang}/${glossary}/`);
      const button = page.locator("[data-search-open]");
      await expect(button).toBeVisible();
      await expect(button).toHaveAccessibleName(lang === "ko" ? "검색하기" : "Search");

      await button.click();
      await expect(dialog(page)).toBeVisible();
      await expect(input(page)).toBeFocused();
      await page.keyboard.press("Escape");
      await expect(dialog(page)).toBeHidden();
      await expect(button).toBeFocused();

      await page.locator("h1").click();
      await page.keyboard.press("/");
      await expect(dialog(page)).toBeVisible();
      await expect(input(page)).toBeFocused();
      // The slash opened search; it is not typed into the field.
      await expect(input(page)).toHaveValue("");
      await page.getByRole("button", { name: lang === "ko" ? "닫기" : "Close" }).click();
      await expect(dialog(page)).toBeHidden();

      await page.keyboard.press("Control+k");
      await expect(dialog(page)).toBeVisible();
      await expect(input(page)).toBeFocused();
    });
  }

  test("keyboard only: Tab reaches the button, Enter opens, Tab stays inside the dialog", async ({
    page,
  }) => {
    await page.goto(`/en/${glossary}/`);
    const button = page.locator("[data-search-open]");
    for (let i = 0; i < 10 && !(await button.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(button).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(input(page)).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Close" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(dialog(page)).toBeHidden();
    await expect(button).toBeFocused();
  });

  test("Ctrl-K in a console stays with the terminal (it erases to the end of the line there)", async ({
    page,
  }) => {
    await page.goto(`/en/${pilot}/`);
    await openConsole(page);
    await page.keyboard.press("Control+k");
    await expect(dialog(page)).toBeHidden();
    await page.keyboard.press("/");
    await expect(dialog(page)).toBeHidden();
  });

  test("an article page loads no script until search is opened, then only from the site", async ({
    page,
  }) => {
    const scripts: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "script") scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`/ko/${glossary}/`);
    await page.waitForLoadState("networkidle");
    expect(scripts).toEqual([]);
    await page.keyboard.press("/");
    await search(page, "컨테이너");
    expect(scripts).toContain("/pagefind/pagefind.js");
    expect(scripts.some((s) => /^\/_astro\/SearchPanel\.[\w-]+\.js$/.test(s))).toBe(true);
  });

  test("without JavaScript the button is not offered", async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL ?? "" });
    const page = await context.newPage();
    await page.goto(`/en/${glossary}/`);
    await expect(page.locator("[data-search-open]")).toBeHidden();
    await context.close();
  });
});

test.describe("what search finds", () => {
  test("en: an English query finds the article about it, only English pages", async ({ page }) => {
    await page.goto(`/en/${glossary}/`);
    await page.keyboard.press("/");
    const found = await search(page, "whiteout copy-up");
    expect(found[0]).toBe("/en/container-images-overlayfs/");
    const throttling = await search(page, "throttling");
    expect(throttling).toContain("/en/container-cpu-memory-limits/");
    for (const url of [...found, ...throttling]) expect(url).toMatch(/^\/en\//);
  });

  for (const [query, article] of [
    ["컨테이너는", "container-vm-isolation"],
    ["페이지 테이블을", "memory-virtualization-page-tables"],
    ["스로틀링이", "container-cpu-memory-limits"],
  ] as const) {
    test(`ko: “${query}” finds Korean articles that use the word with other particles or none`, async ({
      page,
    }) => {
      await page.goto(`/ko/${glossary}/`);
      await page.keyboard.press("/");
      const found = await search(page, query);
      expect(found).toContain(`/ko/${article}/`);
      for (const url of found) expect(url).toMatch(/^\/ko\//);
      // The matches shown are other forms of the words than the one typed: 스로틀링, 스로틀링을, …
      const typed = new Set(query.split(" "));
      const marked = await markedWords(page);
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.some((w) => !typed.has(w))).toBe(true);
    });
  }

  test("ko: the stemming is what finds them (Pagefind alone matches only the typed form)", async ({
    page,
  }) => {
    await page.goto(`/ko/${glossary}/`);
    await page.keyboard.press("/");
    for (const query of ["가상화에서", "이미지와"]) {
      const stemmed = await search(page, query);
      // The same index queried with the word as typed: Pagefind splits Korean on spaces only.
      const raw = await page.evaluate(
        async ([url, q]) => {
          const pf = (await import(url)) as { search(q: string): Promise<{ results: unknown[] }> };
          return (await pf.search(q)).results.length;
        },
        ["/pagefind/pagefind.js", query] as const,
      );
      expect(stemmed.length, query).toBeGreaterThan(raw);
    }
  });

  test("ko: Korean records carry their stems as searchable metadata, never shown", async ({ page }) => {
    await page.goto(`/ko/${glossary}/`);
    await page.keyboard.press("/");
    await search(page, "스로틀링");
    const stems = await page.evaluate(async (url) => {
      type Result = { data(): Promise<{ url: string; meta: Record<string, string> }> };
      const pf = (await import(url)) as { search(q: string): Promise<{ results: Result[] }> };
      const data = await Promise.all((await pf.search("스로틀링")).results.map((r) => r.data()));
      return data.find((d) => d.url.endsWith("/ko/container-cpu-memory-limits/"))?.meta["stems"] ?? "";
    }, "/pagefind/pagefind.js");
    // 스로틀링이 → 스로틀링, 컨테이너를 → 컨테이너, cpu.max를 → cpu.max
    expect(stems.split(" ")).toEqual(expect.arrayContaining(["스로틀링", "컨테이너", "cpu.max"]));
    const excerpts = await results(page).locator(".search-excerpt").allInnerTexts();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const text of excerpts) expect(text).not.toContain(stems.slice(0, 30));
  });

  for (const lang of ["ko", "en"] as const) {
    test(`${lang}: results are only in the page's language`, async ({ page }) => {
      await page.goto(`/${lang}/${glossary}/`);
      await page.keyboard.press("/");
      // Words that appear in both languages' articles.
      for (const query of ["cgroup", "KVM", "EPT"]) {
        const found = await search(page, query);
        expect(found.length, query).toBeGreaterThan(0);
        for (const url of found) expect(url).toMatch(new RegExp(`^/${lang}/`));
      }
    });

    test(`${lang}: nothing from consoles or their chrome is in the index`, async ({ page }) => {
      // stress-ng's "dispatching hogs" line and uname's release are in the cgroup article's static
      // transcript, nowhere in the prose.
      await page.goto(`/${lang}/container-cpu-memory-limits/`);
      const transcript = page.locator("figure.console").filter({ hasText: "dispatching hogs" }).first();
      await expect(transcript).toBeAttached();
      await page.keyboard.press("/");
      await search(page, "dispatching");
      // Other pages may come back (English stems it to "dispatch", which the prose uses; Pagefind
      // falls back to shorter prefixes when a word is not indexed), but never for this word.
      for (const word of await markedWords(page)) expect(word.toLowerCase()).not.toContain("dispatching");
      // Every record of this language (a null query returns them all), read in full.
      const records = await page.evaluate(async (url) => {
        type Result = { data(): Promise<{ url: string; content: string; meta: Record<string, string> }> };
        const pf = (await import(url)) as { search(q: string | null): Promise<{ results: Result[] }> };
        const all = await Promise.all((await pf.search(null)).results.map((r) => r.data()));
        return all.map((d) => ({ url: d.url, text: `${d.content} ${Object.values(d.meta).join(" ")}` }));
      }, "/pagefind/pagefind.js");
      expect(records.length).toBeGreaterThanOrEqual(10);
      const consoleOnly = [
        "dispatching hogs",
        "6.12.0-vmlab",
        lang === "ko" ? "화면 낭독기 모드" : "Screen reader mode",
        lang === "ko" ? "시뮬레이션된 호스트에서 실행한 결과입니다" : "as the simulated host prints them",
      ];
      for (const { url, text } of records) {
        expect(url).toMatch(new RegExp(`^/${lang}/`));
        for (const phrase of consoleOnly) expect(text, `${url}: ${phrase}`).not.toContain(phrase);
      }
    });
  }
});

test.describe("keys, requests, accessibility", () => {
  test("↓ and ↑ move between results and the field; Enter in the field opens the first result", async ({
    page,
  }) => {
    await page.goto(`/en/${glossary}/`);
    await page.keyboard.press("/");
    const found = await search(page, "cgroup");
    expect(found.length).toBeGreaterThan(1);
    const links = results(page).locator("a");
    await page.keyboard.press("ArrowDown");
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press("End");
    await expect(links.last()).toBeFocused();
    await page.keyboard.press("Home");
    await expect(links.nth(0)).toBeFocused();
    await page.keyboard.press("ArrowUp");
    await expect(input(page)).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`${found[0]}(#.*)?$`));
  });

  test("a result link goes to the section that holds the words", async ({ page }) => {
    await page.goto(`/en/${glossary}/`);
    await page.keyboard.press("/");
    await search(page, "whiteout");
    const first = results(page).locator("a").first();
    const href = (await first.getAttribute("href")) ?? "";
    await first.click();
    await expect(page).toHaveURL(new RegExp(`${href.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`));
    await expect(page.locator("h1")).toBeVisible();
  });

  test("search asks the server for nothing but the site's own static files", async ({ page }) => {
    const requested: { path: string; method: string; status: number }[] = [];
    page.on("response", (r) =>
      requested.push({ path: new URL(r.url()).pathname, method: r.request().method(), status: r.status() }),
    );
    await page.goto(`/ko/${glossary}/`);
    const before = requested.length;
    await page.keyboard.press("/");
    await search(page, "페이지 테이블을");
    await search(page, "가상화에서");
    const during = requested.slice(before);
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) {
      expect(r.method, r.path).toBe("GET");
      expect(r.status, r.path).toBe(200);
      expect(existsSync(resolve(dist, `.${decodeURIComponent(r.path)}`)), r.path).toBe(true);
    }
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`axe: no violations with the dialog open and results shown (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`/ko/${glossary}/`);
      await page.keyboard.press("/");
      await search(page, "컨테이너는");
      await page.keyboard.press("ArrowDown");
      const report = await new AxeBuilder({ page }).include("dialog[data-search-dialog]").analyze();
      expect(
        report.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      ).toEqual([]);
    });
  }
});

test.describe("under a sub-path", () => {
  test("the index loads from the sub-path and results link inside it", async ({ browser }) => {
    // Its own context: the page fixture only lets requests reach the main test server.
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(subpath.origin)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`${subpath.origin}${subpath.base}ko/${glossary}/`);
    await page.keyboard.press("/");
    const hrefs = await search(page, "스로틀링이");
    expect(hrefs).toContain(`${subpath.base}ko/container-cpu-memory-limits/`);
    for (const href of hrefs) expect(href.startsWith(`${subpath.base}ko/`)).toBe(true);
    const response = await page.request.get(`${subpath.origin}${hrefs[0]}`);
    expect(response.status()).toBe(200);
    expect(outside).toEqual([]);
    await context.close();
  });
});
