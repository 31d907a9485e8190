/**
 * Fixes the hreflang alternates @astrojs/sitemap derives for the bilingual landing page.
 *
 * The integration groups URLs by the path after the locale prefix and takes an unprefixed path to
 * be the default locale's, so with defaultLocale "ko" it files "/" (our language chooser) as a
 * second Korean version of "/ko/" and "/en/": two hreflang="ko-KR" links in one group, which
 * Google's hreflang rules treat as an error ("Tell Google about localized versions of your page":
 * each language–region code once per set). The landing page is really the x-default of every set,
 * as each page's own <link rel="alternate" hreflang="x-default"> already says.
 */

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
}

export function withLandingAsXDefault<T extends SitemapEntry>(item: T, urls: LandingUrls): T {
  if (item.url === urls.landing) {
    const links = Object.entries(urls.homes).map(([lang, url]) => ({ lang, url }));
    return { ...item, links: [...links, { lang: "x-default", url: urls.landing }] };
  }
  if (item.links === undefined || item.links.length === 0) return item;
  const links = item.links.filter((l) => l.url !== urls.landing);
  return { ...item, links: [...links, { lang: "x-default", url: urls.landing }] };
}
