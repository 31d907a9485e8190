import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { t } from "../i18n/ui";

/**
 * Titles and descriptions sized for a search result page, where Google cuts titles at about
 * 600 px and descriptions at about 920 px on desktop. A Hangul syllable is about twice as wide as
 * a Latin letter, so Korean is measured in "wide characters": Hangul 1, anything else ½.
 */
const content = join(import.meta.dirname, "../../content");

function wideLength(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(ch) ? 1 : 0.5;
  return width;
}

function frontmatter(lang: string, file: string): { title: string; description: string } {
  const text = readFileSync(join(content, lang, file), "utf8");
  const field = (key: string): string =>
    JSON.parse(new RegExp(`^${key}: (".*")$`, "m").exec(text)?.[1] ?? '""') as string;
  return { title: field("title"), description: field("description") };
}

const files = readdirSync(join(content, "en")).filter((f) => f.endsWith(".mdx"));

describe("search snippets", () => {
  it("has articles to check", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`${file}: English title ≤ 60 characters, description 110–165`, () => {
      const { title, description } = frontmatter("en", file);
      expect(title.length, title).toBeLessThanOrEqual(60);
      expect(description.length, description).toBeGreaterThanOrEqual(110);
      expect(description.length, description).toBeLessThanOrEqual(165);
    });

    it(`${file}: Korean title ≤ 32 wide characters, description 70–115 characters`, () => {
      const { title, description } = frontmatter("ko", file);
      expect(wideLength(title), title).toBeLessThanOrEqual(32);
      expect(description.length, description).toBeGreaterThanOrEqual(70);
      expect(description.length, description).toBeLessThanOrEqual(115);
    });
  }

  it("sizes the home pages' titles and descriptions the same way", () => {
    expect(t("en", "index.title").length).toBeLessThanOrEqual(60);
    expect(wideLength(t("ko", "index.title"))).toBeLessThanOrEqual(32);
    expect(t("en", "site.description").length).toBeLessThanOrEqual(165);
    expect(t("ko", "site.description").length).toBeLessThanOrEqual(115);
  });
});
