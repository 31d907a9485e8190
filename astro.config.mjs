// @ts-check
import { defineConfig } from "astro/config";
import mdx from "@astrojs/mdx";
import svelte from "@astrojs/svelte";
import sitemap from "@astrojs/sitemap";
import { isNoindexPage, withLandingAsXDefault } from "./src/seo/sitemap.ts";
import { hostingHeaders } from "./src/hosting/integration.ts";
import { inlineScriptHashes } from "./src/hosting/inline-scripts.ts";

// Where the site is served: canonical URLs, hreflang and the sitemap need an absolute origin.
// A course can host the built site under a sub-path with BASE_PATH=/courses/os/vm/.
const site = process.env.SITE_URL ?? "https://vmlab.example";
const base = process.env.BASE_PATH ?? "/";
// The site's root under the base, with a trailing slash: relative URLs resolve below it.
const siteRoot = new URL(base.endsWith("/") ? base : `${base}/`, site);
// A second build (the sub-path check, a helper's scratch build) can go to its own folder.
const outDir = process.env.OUT_DIR ?? "./dist";

export default defineConfig({
  site,
  base,
  outDir,
  trailingSlash: "always",
  // Astro 7's default 'jsx' mode drops whitespace between inline elements and glues Korean words together.
  compressHTML: true,
  // Both languages are prefixed (/ko/…, /en/…); / is our own bilingual landing page.
  i18n: {
    locales: ["ko", "en"],
    defaultLocale: "ko",
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [
    mdx(),
    svelte(),
    hostingHeaders(),
    sitemap({
      // 404 pages are not content; pages marked noindex (embed widgets) must not be submitted.
      filter: (page) => !/\/404\/?$/.test(page) && !isNoindexPage(page, siteRoot, outDir),
      i18n: { defaultLocale: "ko", locales: { ko: "ko-KR", en: "en-US" } },
      // The landing page "/" is the homes' x-default, not a second Korean page; other pages' x-default is English.
      serialize: (item) =>
        withLandingAsXDefault(item, {
          landing: siteRoot.href,
          homes: { "ko-KR": new URL("ko/", siteRoot).href, "en-US": new URL("en/", siteRoot).href },
          englishLang: "en-US",
        }),
    }),
  ],
  markdown: {
    // The -default GitHub pair keeps comments above WCAG AA contrast in both themes (github-dark does not).
    shikiConfig: {
      themes: { light: "github-light-default", dark: "github-dark-default" },
      defaultColor: false,
    },
  },
  // A Content-Security-Policy <meta> on every page: scripts only from the site and Astro's own inline
  // scripts by hash, never eval. 'wasm-unsafe-eval' lets Pagefind compile its WebAssembly (it does not
  // allow eval). Styles keep 'unsafe-inline': xterm.js injects <style> elements and Shiki writes style
  // attributes, neither of which a hash can cover. Framing rules need a header (see src/hosting/headers.ts).
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "frame-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: {
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: inlineScriptHashes(new URL("./src/inline/", import.meta.url)),
      },
      styleDirective: { resources: ["'self'", "'unsafe-inline'"] },
    },
  },
  // No third-party requests at run time: no prefetch of other origins, no telemetry in the page.
  prefetch: false,
  devToolbar: { enabled: false },
  vite: {
    build: {
      // `npm run bench site` reads source maps to say which module each shipped byte comes from;
      // "hidden" writes the maps without a sourceMappingURL comment, so the JavaScript stays byte-identical.
      sourcemap: process.env.BENCH_SOURCEMAP === "1" ? "hidden" : false,
    },
  },
});
