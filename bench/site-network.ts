/**
 * What a reader's browser downloads from a built page, in three moments: when the page has
 * loaded (nothing scrolled, nothing touched), once the console has been scrolled into view, once
 * it is live (clicked into, if it waits for the reader), and once the reader has typed a first
 * command into it. Requests are collected in
 * Chromium through Playwright; sizes come from the files in the build folder, gzipped here with
 * zlib level 9 (a static host's gzip is close to that; brotli would be smaller still).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";

export interface Moment {
  /** Same-origin JavaScript files requested up to this moment, with their sizes. */
  js: Asset[];
  /** Stylesheet files requested up to this moment (inline `<style>` is counted with the HTML). */
  css: Asset[];
  /** Every other same-origin request (images, fonts, JSON), for the record. */
  other: Asset[];
}

export interface Asset {
  path: string;
  bytes: number;
  gzipBytes: number;
}

export interface PageMeasure {
  path: string;
  htmlBytes: number;
  htmlGzipBytes: number;
  /** Bytes of the page's inline `<style>` elements (part of the HTML above). */
  inlineCssBytes: number;
  /** Bytes of the page's inline `<script>` elements (part of the HTML above). */
  inlineJsBytes: number;
  /** Whether the page has a console at all. */
  hasConsole: boolean;
  onLoad: Moment;
  /** Scrolled into view, and live if the console starts on its own when reached. */
  afterReach?: Moment;
  /** Live: after a click into the console if it waits for one. */
  afterStart?: Moment;
  afterTyping?: Moment;
  /** Why a later moment could not be measured. */
  problem?: string;
}

export const sum = (assets: Asset[], key: "bytes" | "gzipBytes"): number =>
  assets.reduce((total, a) => total + a[key], 0);

/** Lighthouse 12's mobile emulation (a Moto G Power): the same viewport decides what is "reached". */
export const mobileViewport = { width: 412, height: 823 };

const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** The e2e launch flags (playwright.config.ts): the machine has no internet. */
export const chromiumFlags = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function fileFor(distDir: string, basePath: string, url: URL): string | undefined {
  let rel = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
  rel = decodeURIComponent(rel);
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  const file = join(distDir, rel);
  return existsSync(file) && statSync(file).isFile() ? file : undefined;
}

const gzipCache = new Map<string, Asset>();
function assetOf(distDir: string, basePath: string, url: URL): Asset {
  const file = fileFor(distDir, basePath, url);
  const key = file ?? url.href;
  let asset = gzipCache.get(key);
  if (asset === undefined) {
    const body = file === undefined ? Buffer.alloc(0) : readFileSync(file);
    asset = { path: url.pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
    gzipCache.set(key, asset);
  }
  return asset;
}

/** Resolves once no request has been in flight for `quietMs` (or after `timeoutMs`). */
function networkQuiet(page: Page, quietMs = 500, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    let inFlight = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = (): void => {
      page.off("request", onRequest);
      page.off("requestfinished", onEnd);
      page.off("requestfailed", onEnd);
      clearTimeout(timer);
      clearTimeout(hardStop);
      resolve();
    };
    const arm = (): void => {
      clearTimeout(timer);
      if (inFlight === 0) timer = setTimeout(done, quietMs);
    };
    const onRequest = (): void => {
      inFlight++;
      clearTimeout(timer);
    };
    const onEnd = (): void => {
      inFlight = Math.max(0, inFlight - 1);
      arm();
    };
    page.on("request", onRequest);
    page.on("requestfinished", onEnd);
    page.on("requestfailed", onEnd);
    const hardStop = setTimeout(done, timeoutMs);
    arm();
  });
}

async function terminalShowsPrompt(page: Page): Promise<boolean> {
  const rows = await page
    .locator(".xterm-rows > div")
    .evaluateAll((divs) => divs.map((d) => (d.textContent ?? "").replace(/\s+$/, "")));
  return rows.some((r) => /:~[#$]$/.test(r));
}

async function waitFor(predicate: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Measures each page in a fresh browser context (empty cache), with the mobile viewport.
 * `typed` is the command typed once the console is live.
 */
export async function measurePages(
  origin: string,
  distDir: string,
  basePath: string,
  paths: string[],
  typed = "uname -a",
): Promise<PageMeasure[]> {
  const browser = await chromium.launch({
    ...(executablePath === undefined ? {} : { executablePath }),
    args: chromiumFlags,
  });
  const results: PageMeasure[] = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext({
        viewport: mobileViewport,
        deviceScaleFactor: 1.75,
        isMobile: true,
        hasTouch: true,
      });
      const page = await context.newPage();
      const seen: { url: URL; type: string }[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.origin === new URL(origin).origin) seen.push({ url, type: r.resourceType() });
      });
      const snapshot = (): Moment => {
        const moment: Moment = { js: [], css: [], other: [] };
        const unique = new Map<string, { url: URL; type: string }>();
        for (const s of seen) unique.set(s.url.pathname, s);
        for (const { url, type } of unique.values()) {
          if (type === "document") continue;
          const asset = assetOf(distDir, basePath, url);
          if (type === "script" || /\.m?js$/.test(url.pathname)) moment.js.push(asset);
          else if (type === "stylesheet" || url.pathname.endsWith(".css")) moment.css.push(asset);
          else moment.other.push(asset);
        }
        return moment;
      };

      const url = new URL(path.replace(/^\//, ""), origin);
      const quiet = networkQuiet(page);
      await page.goto(url.href, { waitUntil: "load" });
      await quiet;
      const html = assetOf(distDir, basePath, url);
      const source = readFileSync(fileFor(distDir, basePath, url) ?? "/dev/null", "utf8");
      const inline = (tag: string): number =>
        [...source.matchAll(new RegExp(`<${tag}(?![^>]*\\bsrc=)[^>]*>([\\s\\S]*?)</${tag}>`, "g"))].reduce(
          (n, m) => n + Buffer.byteLength(m[1] ?? ""),
          0,
        );
      const measure: PageMeasure = {
        path,
        htmlBytes: html.bytes,
        htmlGzipBytes: html.gzipBytes,
        inlineCssBytes: inline("style"),
        inlineJsBytes: inline("script"),
        hasConsole: (await page.locator("figure.console").count()) > 0,
        onLoad: snapshot(),
      };
      if (measure.hasConsole) {
        // Reached: scrolled into view (the island hydrates on visibility). If the console then
        // starts on its own, wait until it is live, as the e2e's openConsole (tests/fixtures.ts) does.
        const figure = page.locator("figure.console").first();
        const phase = async (): Promise<string> => (await figure.getAttribute("data-phase")) ?? "";
        const reached = networkQuiet(page);
        await figure.scrollIntoViewIfNeeded();
        await reached;
        await waitFor(async () => (await phase()) !== "static", 2_000);
        if ((await phase()) === "loading") await waitFor(async () => (await phase()) !== "loading", 15_000);
        if ((await phase()) === "live") await waitFor(() => terminalShowsPrompt(page), 15_000);
        await networkQuiet(page);
        measure.afterReach = snapshot();
        // Live: a console that waits for the reader starts when clicked.
        if ((await phase()) !== "live") {
          const started = networkQuiet(page);
          await figure.click();
          await waitFor(async () => (await phase()) === "live", 15_000);
          await waitFor(() => terminalShowsPrompt(page), 15_000);
          await started;
        }
        if ((await phase()) !== "live" || !(await terminalShowsPrompt(page)))
          measure.problem = `the console did not become live within 15 s (phase ${await phase()})`;
        else {
          measure.afterStart = snapshot();
          const typing = networkQuiet(page);
          await page.locator(".xterm-helper-textarea").first().focus();
          await page.keyboard.type(typed);
          await page.keyboard.press("Enter");
          await typing;
          measure.afterTyping = snapshot();
        }
      }
      results.push(measure);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return results;
}
