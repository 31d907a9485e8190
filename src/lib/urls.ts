import type { Lang } from "../i18n/ui";

/** Prefixes a site path with the configured base, so the site works under any sub-path. */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, "");
  return `${base}${path.startsWith("/") ? path : `/${path}`}`;
}

export function articlePath(lang: Lang, slug: string): string {
  return withBase(`/${lang}/${slug}/`);
}

export function homePath(lang: Lang): string {
  return withBase(`/${lang}/`);
}

/** Absolute URL for canonical and hreflang links. */
export function absoluteUrl(path: string, site: URL | undefined): string {
  return new URL(path, site ?? "http://localhost").href;
}
