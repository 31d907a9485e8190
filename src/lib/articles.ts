import { getCollection, type CollectionEntry } from "astro:content";
import type { Lang } from "../i18n/ui";

export type Article = CollectionEntry<"ko"> | CollectionEntry<"en">;

/**
 * Both languages' articles, in series order. Throws (and so fails the build)
 * when a slug exists in one language only: the two languages ship together.
 */
export async function loadArticles(): Promise<Record<Lang, Article[]>> {
  const ko = await getCollection("ko");
  const en = await getCollection("en");
  const koSlugs = new Set(ko.map((a) => a.id));
  const enSlugs = new Set(en.map((a) => a.id));
  const onlyKo = [...koSlugs].filter((s) => !enSlugs.has(s));
  const onlyEn = [...enSlugs].filter((s) => !koSlugs.has(s));
  if (onlyKo.length > 0 || onlyEn.length > 0) {
    throw new Error(
      `Every article needs both languages. Missing in content/en: ${onlyKo.join(", ") || "none"}; missing in content/ko: ${onlyEn.join(", ") || "none"}.`,
    );
  }
  const byOrder = (a: Article, b: Article): number => a.data.order - b.data.order || a.id.localeCompare(b.id);
  return { ko: [...ko].sort(byOrder), en: [...en].sort(byOrder) };
}
