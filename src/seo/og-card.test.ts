import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readFontMetrics } from "./font-metrics";
import { articleCard, fillTemplate, homeCard, ogImageHeightPx, ogImageWidthPx } from "./og-image";
import { escapeXml, ogCardSvg } from "./og-card";
import { renderOgCard } from "./og-render";

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2), which follows the 8-byte signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe("Open Graph cards", () => {
  it("fills templates and leaves unknown placeholders visible", () => {
    expect(fillTemplate("Part {n} of {total}{x}", { n: 3, total: 10 })).toBe("Part 3 of 10{x}");
  });

  it("escapes markup in titles", () => {
    expect(escapeXml(`<a href="x">R&D's</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;R&#38;D&#39;s&#60;/a&#62;");
  });

  it("localizes the kicker and alt text and points at a PNG per language and slug", () => {
    const ko = articleCard("ko", "slug", "제목", 3, 10);
    expect(ko.kicker).toBe("연재 10편 중 3편");
    expect(ko.path).toMatch(/\/og\/ko\/slug\.png$/);
    expect(ko.alt).toContain("“제목”");
    expect(homeCard("en", 10).path).toMatch(/\/og\/en\/index\.png$/);
  });

  it("renders a 1200×630 PNG, even for a title with markup characters and no spaces", () => {
    const card = articleCard("ko", "x", `<script>&${"가".repeat(80)}`, 1, 10);
    const png = renderOgCard(card);
    expect(pngSize(png)).toEqual({ width: ogImageWidthPx, height: ogImageHeightPx });
  });

  it("fits every article's title on its card without cutting it", () => {
    const require = createRequire(import.meta.url);
    const bold = readFontMetrics(
      readFileSync(require.resolve("pretendard/dist/public/static/Pretendard-Bold.otf")),
    );
    const content = join(import.meta.dirname, "../../content");
    for (const lang of ["ko", "en"] as const) {
      for (const file of readdirSync(join(content, lang)).filter((f) => f.endsWith(".mdx"))) {
        const text = readFileSync(join(content, lang, file), "utf8");
        const title = JSON.parse(/^title: (".*")$/m.exec(text)?.[1] ?? '""') as string;
        const svg = ogCardSvg(articleCard(lang, file, title, 1, 10), "site", bold);
        const drawn = [...svg.matchAll(/<text x="\d+" y="\d+">([^<]*)<\/text>/g)].map((m) => m[1] ?? "");
        expect(drawn.join(" "), file).toBe(escapeXml(title));
      }
    }
  });
});
