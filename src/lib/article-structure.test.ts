import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The two languages of an article ship together and in the same shape: same
 * slug, same sections (by level, in order), same components with the same
 * props apart from `lang`, same number of references, and the metadata a
 * search result and the series index need.
 */
const root = join(import.meta.dirname, "../../content");

interface Shape {
  headings: string[];
  components: string[];
  references: number;
  frontmatter: Record<string, string>;
}

function shapeOf(text: string): Shape {
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const frontmatter: Record<string, string> = {};
  for (const line of (fm?.[1] ?? "").split("\n")) {
    const m = /^(\w+):\s*(.*)$/.exec(line);
    if (m !== null) frontmatter[m[1]!] = m[2]!.replace(/^"|"$/g, "");
  }
  const body = text.slice(fm?.[0].length ?? 0).replace(/```[\s\S]*?```/g, "");
  const headings = [...body.matchAll(/^(#{2,4}) /gm)].map((m) => m[1]!);
  // Components as used, with their props minus the language (and minus localized text props).
  const components = [...body.matchAll(/<([A-Z][A-Za-z0-9]*)\b([^>]*)\/?>/g)].map((m) => {
    const props = m[2]!
      .replace(/\s+lang="(ko|en)"/, "")
      .replace(/\s+(title|caption|label|alt)="[^"]*"/g, "")
      .replace(/\s+/g, " ")
      .trim();
    return `${m[1]!} ${props}`.trim();
  });
  // References: the numbered list in the last section.
  const lastSection = body.slice(body.lastIndexOf("\n## "));
  const references = [...lastSection.matchAll(/^\d+\. /gm)].length;
  return { headings, components, references, frontmatter };
}

const en = readdirSync(join(root, "en")).filter((f) => f.endsWith(".mdx"));
const ko = readdirSync(join(root, "ko")).filter((f) => f.endsWith(".mdx"));

describe("articles in both languages", () => {
  it("exist under the same slugs", () => {
    expect([...ko].sort()).toEqual([...en].sort());
  });

  for (const file of en.filter((f) => ko.includes(f))) {
    it(`${file}: same structure in Korean and English`, () => {
      const a = shapeOf(readFileSync(join(root, "en", file), "utf8"));
      const b = shapeOf(readFileSync(join(root, "ko", file), "utf8"));
      expect(b.headings, "section levels in order").toEqual(a.headings);
      expect(b.components, "components and their props").toEqual(a.components);
      expect(b.references, "number of references").toBe(a.references);
      expect(a.references).toBeGreaterThan(0);
      for (const key of ["title", "description", "summary", "pubDate", "order"]) {
        expect(a.frontmatter[key], `en ${key}`).toBeTruthy();
        expect(b.frontmatter[key], `ko ${key}`).toBeTruthy();
      }
      expect(b.frontmatter.order).toBe(a.frontmatter.order);
    });
  }
});
