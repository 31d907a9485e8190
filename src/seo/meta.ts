/**
 * Open Graph (ogp.me) and X/Twitter card (developer.x.com, "Cards markup") tags of one page.
 * Open Graph tags use property=, Twitter's use name= as each spec says; every URL is absolute,
 * as og:url and og:image require.
 */
import type { Lang } from "../i18n/ui";

/** og:locale takes language_TERRITORY (ogp.me §"Optional metadata"). */
export const ogLocale: Record<Lang, string> = { ko: "ko_KR", en: "en_US" };

export interface SocialMetaInput {
  lang: Lang;
  /** Other languages this page exists in. */
  alternateLangs: readonly Lang[];
  type: "website" | "article";
  title: string;
  description: string;
  siteName: string;
  /** Absolute canonical URL. */
  url: string;
  image: { url: string; alt: string; width: number; height: number };
  published?: Date | undefined;
  modified?: Date | undefined;
}

export interface MetaTag {
  attr: "property" | "name";
  key: string;
  content: string;
}

export function socialMeta(p: SocialMetaInput): MetaTag[] {
  const og = (key: string, content: string): MetaTag => ({ attr: "property", key, content });
  const tw = (key: string, content: string): MetaTag => ({ attr: "name", key, content });
  const tags: MetaTag[] = [
    og("og:type", p.type),
    og("og:site_name", p.siteName),
    og("og:title", p.title),
    og("og:description", p.description),
    og("og:url", p.url),
    og("og:locale", ogLocale[p.lang]),
    ...p.alternateLangs.filter((l) => l !== p.lang).map((l) => og("og:locale:alternate", ogLocale[l])),
    og("og:image", p.image.url),
    og("og:image:type", "image/png"),
    og("og:image:width", String(p.image.width)),
    og("og:image:height", String(p.image.height)),
    og("og:image:alt", p.image.alt),
  ];
  if (p.type === "article" && p.published !== undefined) {
    tags.push(og("article:published_time", p.published.toISOString()));
    if (p.modified !== undefined) tags.push(og("article:modified_time", p.modified.toISOString()));
  }
  tags.push(
    tw("twitter:card", "summary_large_image"),
    tw("twitter:title", p.title),
    tw("twitter:description", p.description),
    tw("twitter:image", p.image.url),
    tw("twitter:image:alt", p.image.alt),
  );
  return tags;
}
