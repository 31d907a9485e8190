import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * Search and social metadata of the built site, in both languages: Open Graph and Twitter tags
 * with absolute URLs, the per-article card PNGs, JSON-LD, robots.txt and the sitemap's hreflang sets.
 */

const dist = resolve(import.meta.dirname, "..", process.env.DIST_DIR ?? "dist");
/** The main test server serves the site built at the root. */
const base = "/";
/** The same site built under a course's sub-path (npm run build:subpath), served on E2E_PORT + 7 (playwright.config.ts). */
const subpath = {
  dist: resolve(import.meta.dirname, "..", process.env.SUBPATH_DIST_DIR ?? "dist-subpath"),
  base: "/courses/os/vm/",
  origin: `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4329) + 7}`,
};
const langs = ["ko", "en"] as const;
type Lang = (typeof langs)[number];

/** Article slugs: the folders of the built Korean site that hold an article (not the home, reference or 404). */
function articleSlugs(dist: string): string[] {
  const koDir = join(dist, "ko");
  if (!existsSync(koDir)) return [];
  return readdirSync(koDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !["console", "404"].includes(d.name))
    .filter((d) => existsSync(join(koDir, d.name, "index.html")))
    .filter((d) =>
      readFileSync(join(koDir, d.name, "index.html"), "utf8").includes(
        'property="og:type" content="article"',
      ),
    )
    .map((d) => d.name)
    .sort();
}

async function meta(page: Page, key: string): Promise<string[]> {
  return page
    .locator(`head meta[property="${key}"], head meta[name="${key}"]`)
    .evaluateAll((els) => els.map((e) => e.getAttribute("content") ?? ""));
}

async function one(page: Page, key: string): Promise<string> {
  const values = await meta(page, key);
  expect(values, key).toHaveLength(1);
  return values[0] ?? "";
}

function expectAbsoluteUnderBase(url: string, base = "/"): URL {
  expect(url).toMatch(/^https?:\/\//);
  const parsed = new URL(url);
  expect(parsed.pathname.startsWith(base), `${url} is under ${base}`).toBe(true);
  return parsed;
}

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2), right after the 8-byte signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type JsonLd = Record<string, unknown> & { "@type": string };

async function jsonLd(page: Page): Promise<JsonLd[]> {
  const texts = await page
    .locator('script[type="application/ld+json"]')
    .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
  // Nothing in the JSON may be able to end the script element early.
  for (const text of texts) expect(text).not.toContain("<");
  return texts.map((text) => JSON.parse(text) as JsonLd);
}

/** Shared checks of the social tags; returns the og:image URL. */
async function checkSocialTags(page: Page, lang: Lang, type: "article" | "website"): Promise<URL> {
  const canonical = await page.locator('head link[rel="canonical"]').getAttribute("href");
  expect(await one(page, "og:type")).toBe(type);
  expect(await one(page, "og:url")).toBe(canonical);
  expectAbsoluteUnderBase(await one(page, "og:url"));
  expect(await one(page, "og:locale")).toBe(lang === "ko" ? "ko_KR" : "en_US");
  expect(await meta(page, "og:locale:alternate")).toEqual([lang === "ko" ? "en_US" : "ko_KR"]);
  expect(await one(page, "og:site_name")).toBe(lang === "ko" ? "VM·컨테이너 실습실" : "VM & Container Lab");
  const title = await one(page, "og:title");
  expect(title.length).toBeGreaterThan(0);
  expect(await page.title()).toContain(title);
  const description = await one(page, "og:description");
  expect(description).toBe(await page.locator('head meta[name="description"]').getAttribute("content"));
  expect(await one(page, "twitter:card")).toBe("summary_large_image");
  expect(await one(page, "twitter:title")).toBe(title);
  expect(await one(page, "twitter:description")).toBe(description);
  const image = await one(page, "og:image");
  expect(await one(page, "twitter:image")).toBe(image);
  expect(await one(page, "og:image:width")).toBe("1200");
  expect(await one(page, "og:image:height")).toBe("630");
  const alt = await one(page, "og:image:alt");
  expect(alt).toContain(title);
  expect(await one(page, "twitter:image:alt")).toBe(alt);

  const imageUrl = expectAbsoluteUnderBase(image);
  const response = await page.request.get(imageUrl.pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^image\/png/);
  expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
  return imageUrl;
}

const slugs = articleSlugs(dist);

test("the built site has articles to check", () => {
  expect(slugs.length).toBeGreaterThanOrEqual(2);
});

for (const lang of langs) {
  test.describe(`${lang}: article metadata`, () => {
    for (const slug of slugs) {
      test(slug, async ({ page }) => {
        await page.goto(`${base}${lang}/${slug}/`);
        const image = await checkSocialTags(page, lang, "article");
        expect(image.pathname).toBe(`${base}og/${lang}/${slug}.png`);
        expect(await one(page, "article:published_time")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        const xDefault = await page
          .locator('head link[rel="alternate"][hreflang="x-default"]')
          .getAttribute("href");
        expect(new URL(xDefault ?? "").pathname).toBe(`${base}en/${slug}/`);

        const data = await jsonLd(page);
        expect(data.map((d) => d["@type"]).sort()).toEqual(["BreadcrumbList", "TechArticle"]);
        const article = data.find((d) => d["@type"] === "TechArticle") ?? { "@type": "" };
        const canonical = await page.locator('head link[rel="canonical"]').getAttribute("href");
        expect(article).toMatchObject({
          "@context": "https://schema.org",
          headline: await one(page, "og:title"),
          inLanguage: lang,
          url: canonical,
          image: [image.href],
          datePublished: await one(page, "article:published_time"),
        });
        const crumbs = data.find((d) => d["@type"] === "BreadcrumbList")?.["itemListElement"] as {
          position: number;
          item: string;
        }[];
        expect(crumbs.map((c) => c.position)).toEqual([1, 2]);
        expect(new URL(crumbs[0]?.item ?? "").pathname).toBe(`${base}${lang}/`);
        expect(crumbs[1]?.item).toBe(canonical);
      });
    }
  });

  test(`${lang}: home page metadata`, async ({ page }) => {
    await page.goto(`${base}${lang}/`);
    const image = await checkSocialTags(page, lang, "website");
    expect(image.pathname).toBe(`${base}og/${lang}/index.png`);
    const xDefault = await page
      .locator('head link[rel="alternate"][hreflang="x-default"]')
      .getAttribute("href");
    expect(new URL(xDefault ?? "").pathname).toBe(base);
    expect(await meta(page, "article:published_time")).toEqual([]);
    const data = await jsonLd(page);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ "@type": "WebSite", inLanguage: lang });
  });
}

test("the bilingual landing page has social tags with the Korean home card", async ({ request, baseURL }) => {
  // Fetched, not opened: the landing page sends a browser on to /ko/ or /en/ at once.
  const origin = new URL(baseURL ?? "").origin;
  const html = await (await request.get(`${origin}${base}`)).text();
  const content = (key: string): string[] =>
    [...html.matchAll(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, "g"))].map(
      (m) => m[1] ?? "",
    );
  const canonical = /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
  expect(content("og:url")).toEqual([canonical]);
  expect(content("og:type")).toEqual(["website"]);
  expect(content("twitter:card")).toEqual(["summary_large_image"]);
  const [image] = content("og:image");
  const imagePath = expectAbsoluteUnderBase(image ?? "").pathname;
  expect(imagePath).toBe(`${base}og/ko/index.png`);
  expect((await request.get(`${origin}${imagePath}`)).status()).toBe(200);
});

/** robots.txt names the sitemap, and the sitemap lists every page with its Korean, English and x-default versions. */
async function checkRobotsAndSitemap(
  request: APIRequestContext,
  origin: string,
  base: string,
  slugs: string[],
): Promise<void> {
  const robots = await request.get(`${origin}${base}robots.txt`);
  expect(robots.status()).toBe(200);
  const sitemapLine = (await robots.text()).split("\n").find((l) => l.startsWith("Sitemap: "));
  const sitemapUrl = expectAbsoluteUnderBase(sitemapLine?.slice("Sitemap: ".length) ?? "", base);
  expect(sitemapUrl.pathname).toBe(`${base}sitemap-index.xml`);
  const index = await request.get(`${origin}${sitemapUrl.pathname}`);
  expect(index.status()).toBe(200);
  const parts = [...(await index.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] ?? "");
  expect(parts.length).toBeGreaterThan(0);

  const entries: { loc: string; links: { lang: string; href: string }[] }[] = [];
  for (const part of parts) {
    const xml = await (await request.get(`${origin}${expectAbsoluteUnderBase(part, base).pathname}`)).text();
    for (const [, body = ""] of xml.matchAll(/<url>(.*?)<\/url>/gs)) {
      entries.push({
        loc: /<loc>([^<]+)<\/loc>/.exec(body)?.[1] ?? "",
        links: [...body.matchAll(/hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => ({
          lang: m[1] ?? "",
          href: m[2] ?? "",
        })),
      });
    }
  }
  const paths = entries.map((e) => expectAbsoluteUnderBase(e.loc, base).pathname);
  // Every page of both languages is listed (the 404 pages are not content).
  for (const lang of langs) {
    expect(paths).toContain(`${base}${lang}/`);
    for (const slug of slugs) expect(paths).toContain(`${base}${lang}/${slug}/`);
  }
  expect(paths).toContain(base);
  // No listed page asks not to be indexed (Google flags "Submitted URL marked noindex").
  for (const path of paths) {
    const html = await (await request.get(`${origin}${path}`)).text();
    expect(html, path).not.toMatch(/<meta name="robots" content="[^"]*noindex/);
  }
  for (const entry of entries) {
    const path = new URL(entry.loc).pathname;
    const byLang = (l: string): string[] =>
      entry.links.filter((k) => k.lang === l).map((k) => expectAbsoluteUnderBase(k.href, base).pathname);
    // One Korean and one English version in every set; x-default is the landing page for the homes
    // and the English version for every other page (src/seo/hreflang.ts).
    const tail = /^(?:ko|en)\/(.*)$/.exec(path.slice(base.length))?.[1] ?? "";
    expect(byLang("ko-KR"), path).toEqual([`${base}ko/${tail}`]);
    expect(byLang("en-US"), path).toEqual([`${base}en/${tail}`]);
    expect(byLang("x-default"), path).toEqual([tail === "" ? base : `${base}en/${tail}`]);
  }
}

test("robots.txt points at the sitemap, which lists every page with both languages", async ({
  request,
  baseURL,
}) => {
  await checkRobotsAndSitemap(request, new URL(baseURL ?? "").origin, base, slugs);
});

test.describe("under a sub-path (BASE_PATH=/courses/os/vm/)", () => {
  const subSlugs = articleSlugs(subpath.dist);
  // Fetched without the browser: the page guard allows only the main server's origin.
  const content = (html: string, key: string): string[] =>
    [...html.matchAll(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, "g"))].map((m) =>
      (m[1] ?? "").replace(/&amp;/g, "&"),
    );

  test("the sub-path build has articles to check", () => {
    expect(subSlugs).toEqual(slugs);
  });

  test("robots.txt and the sitemap carry the sub-path", async ({ request }) => {
    await checkRobotsAndSitemap(request, subpath.origin, subpath.base, subSlugs);
  });

  for (const lang of langs) {
    test(`${lang}: every article's tags and card URL carry the sub-path`, async ({ request }) => {
      for (const slug of subSlugs) {
        const html = await (await request.get(`${subpath.origin}${subpath.base}${lang}/${slug}/`)).text();
        const [url] = content(html, "og:url");
        expect(expectAbsoluteUnderBase(url ?? "", subpath.base).pathname).toBe(
          `${subpath.base}${lang}/${slug}/`,
        );
        const [image] = content(html, "og:image");
        const imagePath = expectAbsoluteUnderBase(image ?? "", subpath.base).pathname;
        expect(imagePath).toBe(`${subpath.base}og/${lang}/${slug}.png`);
        expect(content(html, "twitter:image")).toEqual([image]);
        const png = await request.get(`${subpath.origin}${imagePath}`);
        expect(png.status()).toBe(200);
        expect(pngSize(await png.body())).toEqual({ width: 1200, height: 630 });
        const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map(
          (m) => JSON.parse(m[1] ?? "") as JsonLd,
        );
        const article = ld.find((d) => d["@type"] === "TechArticle");
        expect(article?.["url"]).toBe(url);
        expect(article?.["image"]).toEqual([image]);
      }
    });
  }
});
