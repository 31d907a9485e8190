import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, openConsole, test, typeCommand, terminalRows } from "./fixtures";

// The site built with BASE_PATH=/courses/os/vm/ (npm run build:subpath), as a course would host it.
const dist = resolve(import.meta.dirname, "..", process.env.SUBPATH_DIST_DIR ?? "dist-subpath");
const base = "/courses/os/vm/";

function sitemapPaths(): string[] {
  return readdirSync(dist)
    .filter((name) => /^sitemap-\d+\.xml$/.test(name))
    .flatMap((name) => [...readFileSync(join(dist, name), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)])
    .map((m) => new URL(m[1] ?? "").pathname)
    .sort();
}

test("the sitemap lists every page under the sub-path", () => {
  const paths = sitemapPaths();
  expect(paths.length).toBeGreaterThan(20);
  for (const path of paths) expect(path.startsWith(base), path).toBe(true);
});

test("every link, script, stylesheet and image of every page resolves under the sub-path", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL ?? "http://127.0.0.1").origin;
  const checked = new Map<string, number>();
  for (const path of sitemapPaths()) {
    const response = await page.goto(`${origin}${path}`);
    expect(response?.status(), path).toBe(200);
    const urls = await page.evaluate(() =>
      [...document.querySelectorAll("a[href], link[href], script[src], img[src], iframe[src], meta[content]")]
        .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("content") ?? "")
        .filter((u) => u.startsWith("/") || u.startsWith("http")),
    );
    for (const raw of urls) {
      const url = new URL(raw, `${origin}${path}`);
      // Absolute URLs name the configured site (canonical, hreflang, og:url): check their path only.
      const local = `${origin}${url.pathname}`;
      if (url.origin !== origin && !/^https?:\/\/vmlab\.example$/.test(url.origin)) continue;
      expect(url.pathname.startsWith(base), `${raw} on ${path}`).toBe(true);
      if (!checked.has(local)) checked.set(local, (await request.get(local)).status());
      expect(checked.get(local), `${raw} on ${path}`).toBe(200);
    }
  }
  expect(checked.size).toBeGreaterThan(50);
});

test("the console goes live and runs a command under the sub-path", async ({ page }) => {
  await page.goto("en/docker-on-physical-or-virtual-machine/");
  await openConsole(page);
  await typeCommand(page, "echo sub-path ok");
  await expect.poll(async () => (await terminalRows(page)).includes("sub-path ok")).toBe(true);
});

test("a missing page gets the sub-path's 404 page with working links", async ({ browser, baseURL }) => {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(`${baseURL ?? ""}ko/no-such-page/`);
  expect(response?.status()).toBe(404);
  const home = await page.locator("main a").first().getAttribute("href");
  expect(home).toBe(`${base}ko/`);
});

test("robots.txt names the sub-path's sitemap", async ({ request }) => {
  const text = await (await request.get("robots.txt")).text();
  expect(text).toMatch(
    new RegExp(`Sitemap: https?://[^\\s]+${base.replace(/\//g, "\\/")}sitemap-index\\.xml`),
  );
});
