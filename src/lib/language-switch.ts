import { languages, type Lang } from "../i18n/ui";
import { homePath } from "./urls";

export interface LanguageLink {
  lang: Lang;
  href: string;
  /** The page is the current one (no link). */
  current: boolean;
  /** The page has no version in this language: the link goes to that language's home instead. */
  untranslated: boolean;
}

/** The header's language switch: the same page in the other language, or that language's home when it has none. */
export function languageLinks(current: Lang, alternates: Partial<Record<Lang, string>>): LanguageLink[] {
  return languages.map((lang) => {
    const same = alternates[lang];
    return {
      lang,
      href: same ?? homePath(lang),
      current: lang === current,
      untranslated: lang !== current && same === undefined,
    };
  });
}
