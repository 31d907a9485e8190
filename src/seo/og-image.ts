/**
 * What each page's Open Graph card says and where it is served: one PNG per article and
 * language, and one per language for the home page. Shared by the PNG endpoints (which draw
 * the card) and the pages (whose og:image and og:image:alt point at it), so the two agree.
 */
import { t, type Lang } from "../i18n/ui";
import { withBase } from "../lib/urls";

/** Open Graph images are 1200×630: the size Facebook, LinkedIn and X show large (1.91:1). */
export const ogImageWidthPx = 1200;
export const ogImageHeightPx = 630;

/** The file name the home page's card is served under: /og/<lang>/index.png. */
export const homeCardName = "index";

export interface OgCard {
  lang: Lang;
  /** Site path of the PNG, with the base. */
  path: string;
  title: string;
  /** Small line above the title: the part of the series, or the series on the home card. */
  kicker: string;
  /** Localized og:image:alt / twitter:image:alt. */
  alt: string;
  /** 1-based position in the series (undefined on the home card). */
  position: number | undefined;
  total: number;
}

/** Fills {name} placeholders of a UI string. */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function ogImagePath(lang: Lang, name: string): string {
  return withBase(`/og/${lang}/${name}.png`);
}

function alt(lang: Lang, title: string, kicker: string): string {
  return fillTemplate(t(lang, "seo.og.alt"), { site: t(lang, "site.name"), title, kicker });
}

/** The card of one article; `position` is its 1-based place among `total` articles in series order. */
export function articleCard(
  lang: Lang,
  slug: string,
  title: string,
  position: number,
  total: number,
): OgCard {
  const kicker = fillTemplate(t(lang, "seo.og.part"), { n: position, total });
  return {
    lang,
    path: ogImagePath(lang, slug),
    title,
    kicker,
    alt: alt(lang, title, kicker),
    position,
    total,
  };
}

export function homeCard(lang: Lang, total: number): OgCard {
  const title = t(lang, "index.title");
  const kicker = fillTemplate(t(lang, "seo.og.home"), { total });
  return {
    lang,
    path: ogImagePath(lang, homeCardName),
    title,
    kicker,
    alt: alt(lang, title, kicker),
    position: undefined,
    total,
  };
}
