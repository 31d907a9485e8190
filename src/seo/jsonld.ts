/**
 * Structured data (schema.org in JSON-LD) for search engines: TechArticle and BreadcrumbList on
 * article pages, WebSite on the home pages. Google's guidance: developers.google.com/search/docs/
 * appearance/structured-data/article and …/breadcrumb.
 */

export type JsonLd = Record<string, unknown>;

/**
 * JSON for a <script type="application/ld+json"> element. The HTML parser ends a script element
 * at the first "</script" whatever the type (HTML §13.2.5.4 script data state), and "<!--" changes
 * its state, so "<" (and ">", "&" for good measure) become \u escapes, which JSON reads back as
 * the same characters. U+2028/U+2029 are escaped too: valid in JSON, but line terminators to
 * older JavaScript parsers that some tools still feed JSON-LD to.
 */
export function serializeJsonLd(data: JsonLd | JsonLd[]): string {
  return JSON.stringify(data).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

interface SiteRef {
  name: string;
  /** Absolute URL of the home page in the page's language. */
  url: string;
}

export interface ArticleLd {
  headline: string;
  description: string;
  /** BCP 47 tag, as in <html lang>. */
  inLanguage: string;
  url: string;
  image: string;
  datePublished: Date;
  dateModified?: Date | undefined;
  site: SiteRef;
  series: SiteRef & { position: number };
}

function organization(site: SiteRef): JsonLd {
  return { "@type": "Organization", name: site.name, url: site.url };
}

export function techArticle(a: ArticleLd): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "TechArticle",
    headline: a.headline,
    description: a.description,
    inLanguage: a.inLanguage,
    url: a.url,
    mainEntityOfPage: a.url,
    image: [a.image],
    datePublished: a.datePublished.toISOString(),
    dateModified: (a.dateModified ?? a.datePublished).toISOString(),
    author: organization(a.site),
    publisher: organization(a.site),
    isPartOf: { "@type": "CreativeWorkSeries", name: a.series.name, url: a.series.url },
    position: a.series.position,
  };
}

/** A trail of (name, absolute URL) from the home page to the current page. */
export function breadcrumbList(trail: readonly { name: string; url: string }[]): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: trail.map((crumb, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

export function webSite(site: SiteRef & { description: string; inLanguage: string }): JsonLd {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: site.name,
    url: site.url,
    description: site.description,
    inLanguage: site.inLanguage,
    publisher: organization(site),
  };
}
