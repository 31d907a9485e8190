/**
 * Fixes the hreflang alternates @astrojs/sitemap derives for the bilingual landing page.
 *
 * The integration groups URLs by the path after the locale prefix and takes an unprefixed path to
 * be the default locale's, so with defaultLocale "ko" it files "/" (our language chooser) as a
 * second Korean version of "/ko/" and "/en/": two hreflang="ko-KR" links in one group, which
 * Google's hreflang rules treat as an error ("Tell Google about localized versions of your page":
 * each language–region code once per set). The landing page is really the x-default of every set,
 * as each home page's own <link rel="alternate" hreflang="x-default"> says; other pages name their
 * English version as x-default (src/seo/hreflang.ts).
 */

import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export interface SitemapLink {
  lang: string;
  url: string;
}

export interface SitemapEntry {
  url: string;
  links?: SitemapLink[] | undefined;
}

export interface LandingUrls {
  /** Absolute URL of the landing page (the site root under the base). */
  landing: string;
  /** Absolute URL of each language's home page, keyed by the sitemap's hreflang value. */
  homes: Record<string, string>;
  /** The sitemap's hreflang value for English, whose version is the x-default of non-home pages. */
  englishLang: string;
}

export function withLandingAsXDefault<T extends SitemapEntry>(item: T, urls: LandingUrls): T {
  const homes = Object.values(urls.homes);
  if (item.url === urls.landing) {
    const links = Object.entries(urls.homes).map(([lang, url]) => ({ lang, url }));
    return { ...item, links: [...links, { lang: "x-default", url: urls.landing }] };
  }
  if (item.links === undefined || item.links.length === 0) return item;
  const links = item.links.filter((l) => l.url !== urls.landing);
  // The same x-default as the page's own <link> (src/seo/hreflang.ts): the landing page for the
  // home pages, the English version for every other page.
  const isHomeSet = links.length === homes.length && links.every((l) => homes.includes(l.url));
  const english = links.find((l) => l.lang === urls.englishLang)?.url;
  const xDefault = isHomeSet || english === undefined ? urls.landing : english;
  return { ...item, links: [...links, { lang: "x-default", url: xDefault }] };
}

/**
 * True when the built page at this URL asks search engines not to index it
 * (<meta name="robots" content="noindex">, as the embed widgets and 404 pages do). Such a page must
 * not be in the sitemap: Google reports a submitted URL marked noindex as an error
 * (Search Console, Page indexing report, "Submitted URL marked 'noindex'").
 * Runs when the sitemap is written, after the pages: reads the page's index.html from the output folder.
 */
export function isNoindexPage(pageUrl: string, siteRoot: URL, outDir: string): boolean {
  const path = new URL(pageUrl).pathname;
  if (!path.startsWith(siteRoot.pathname)) return false;
  const file = join(resolve(outDir), decodeURIComponent(path.slice(siteRoot.pathname.length)), "index.html");
  if (!existsSync(file)) return false;
  return /<meta name="robots" content="[^"]*\bnoindex\b/i.test(readFileSync(file, "utf8"));
}
