/**
 * The x-default alternate: the version for readers whose language is neither Korean nor English
 * (Google Search Central, "Tell Google about localized versions of your page": x-default for
 * "no matching language"). For the home pages that is the bilingual landing page, which lets the
 * reader choose; for any other page it is its English version, the one such a reader is likelier to
 * read, rather than the landing page, which would lose the article they searched for.
 */
import type { Lang } from "../i18n/ui";
import { homePath, withBase } from "../lib/urls";

export function xDefaultPath(alternates: Partial<Record<Lang, string>>): string {
  const isHome = alternates.ko === homePath("ko") && alternates.en === homePath("en");
  if (isHome || alternates.en === undefined) return withBase("/");
  return alternates.en;
}
