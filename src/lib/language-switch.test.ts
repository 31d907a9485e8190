import { describe, expect, it } from "vitest";
import { languageLinks } from "./language-switch";

describe("language switch", () => {
  it("links to the same page in the other language", () => {
    const links = languageLinks("en", { ko: "/ko/linux-namespaces/", en: "/en/linux-namespaces/" });
    expect(links).toEqual([
      { lang: "ko", href: "/ko/linux-namespaces/", current: false, untranslated: false },
      { lang: "en", href: "/en/linux-namespaces/", current: true, untranslated: false },
    ]);
  });

  it("sends the reader to the other language's home, and says so, when the page exists in one language only", () => {
    const [ko, en] = languageLinks("en", { en: "/en/only-english/" });
    expect(ko).toEqual({ lang: "ko", href: "/ko/", current: false, untranslated: true });
    expect(en?.current).toBe(true);
    expect(en?.untranslated).toBe(false);
  });
});
