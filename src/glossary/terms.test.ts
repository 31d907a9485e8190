import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { terms } from "./terms";

const content = join(import.meta.dirname, "../../content");
const slugs = (lang: string): string[] =>
  readdirSync(join(content, lang))
    .filter((f) => f.endsWith(".mdx"))
    .map((f) => f.slice(0, -4));
const read = (lang: string, slug: string): string => readFileSync(join(content, lang, `${slug}.mdx`), "utf8");

describe("the series' term list", () => {
  it("has unique ids and both languages for every term and definition", () => {
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
    for (const t of terms) {
      for (const text of [t.en, t.ko, t.definition.en, t.definition.ko])
        expect(text.trim(), t.id).not.toBe("");
    }
  });

  it("points every term at an article that exists in both languages", () => {
    for (const t of terms) {
      expect(slugs("en"), t.id).toContain(t.article);
      expect(slugs("ko"), t.id).toContain(t.article);
    }
  });

  it("is used by the Korean article that explains each term", () => {
    for (const t of terms) {
      const forms = t.ko.split(" / ");
      const text = read("ko", t.article);
      expect(
        forms.some((f) => text.includes(f)),
        `${t.ko} in content/ko/${t.article}.mdx`,
      ).toBe(true);
    }
  });

  it("keeps the Korean articles free of the variants the series does not use", () => {
    const found: string[] = [];
    for (const slug of slugs("ko")) {
      const text = read("ko", slug);
      for (const t of terms)
        for (const v of t.avoid ?? []) if (text.includes(v)) found.push(`${slug}: ${v} → ${t.ko}`);
    }
    expect(found).toEqual([]);
  });
});
